import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@cards-session/protocol';
import { businessId, safeEqual } from './auth';
import type { Gateway } from './context';
import { problem, type CreateSessionBody } from './contract';
import { ApiError, validationError } from './errors';
import { formForSession } from './forms/catalog';
import type { PaymentRequest, Session } from './model';
import { TEST_CARDS, findTestCard } from './test-cards';
import { expireIfDue } from './transitions';

// Sessions: creating, reading and canceling them, and the rules every payment checks first.

const DEFAULT_TTL_MS = 30 * 60 * 1000;
const MAX_SESSION_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `owner` may use a session: its creator, or any key for a session from before
 * ownership (no owner). An unknown session is nobody's.
 */
export function owns(gw: Gateway, owner: string, sessionId: string): boolean {
  const stored = gw.store.sessionOwner(sessionId);
  return stored === null || (stored !== undefined && safeEqual(stored, owner));
}

/**
 * A stored session as the contract answers it: sessions stored before `mode`, `customer_id` and
 * `business_id` existed get them here.
 */
function complete(gw: Gateway, stored: Session & { cvnAttempts: number }): Session & { cvnAttempts: number } {
  return {
    ...stored,
    mode: stored.mode ?? 'CARDS_SESSION_JS',
    customer_id: stored.customer_id ?? null,
    business_id: stored.business_id ?? businessId(gw.store.sessionOwner(stored.payment_session_id)),
    cards_session_js: { ...stored.cards_session_js, form: stored.cards_session_js.form ?? null },
  };
}

/**
 * A session by id, its expiry applied; throws `DATA_NOT_FOUND`. With `owner` (server calls), a
 * session of another key is not found either, in the same words: a key cannot tell another
 * key's session from none. Without it (browser calls), the id alone is the capability.
 */
export function loadSession(gw: Gateway, id: string, owner?: string): Session & { cvnAttempts: number } {
  const session = gw.store.getSession(id);
  if (!session || (owner !== undefined && !owns(gw, owner, id))) {
    throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No payment session ${id.slice(0, 64)}`);
  }
  if (expireIfDue(gw, id)) return complete(gw, { ...session, status: 'EXPIRED' });
  return complete(gw, session);
}

/** The session without the gateway's own counters: what the API answers. */
export function publicSession({ cvnAttempts: _, ...session }: Session & { cvnAttempts: number }): Session {
  return session;
}

/** `429 TOO_MANY_PAYMENT_REQUESTS` when the session has had all the payment requests it may. */
export function paymentRequestsExhausted(gw: Gateway, sessionId: string): ApiError | null {
  if (gw.store.countPaymentRequests(sessionId) < gw.maxPaymentRequests) return null;
  return new ApiError(
    429,
    ErrorCode.TOO_MANY_PAYMENT_REQUESTS,
    `This session has had ${gw.maxPaymentRequests} payment requests, the most it allows: start again with a new session`,
  );
}

/** Throws unless the session can still take a payment. */
export function requireActive(session: Session): void {
  if (session.status === 'EXPIRED') {
    throw new ApiError(
      410,
      ErrorCode.SESSION_EXPIRED,
      `Payment session ${session.payment_session_id} expired at ${session.expires_at}`,
    );
  }
  if (session.status !== 'ACTIVE') {
    throw new ApiError(
      409,
      ErrorCode.SESSION_NOT_ACTIVE,
      `Payment session ${session.payment_session_id} is ${session.status}`,
    );
  }
}

/** The distinct origins of the return URLs: a session's allowed origins when the request names none. */
function returnOrigins(js: { success_return_url: string; failure_return_url: string }): string[] {
  return [...new Set([js.success_return_url, js.failure_return_url].map((url) => new URL(url).origin))];
}

/**
 * Creates a session from a body that passed the contract's schema, for `owner`. What a schema
 * cannot say is checked here: `expires_at` within the next 24 hours.
 */
export function createSession(gw: Gateway, owner: string, input: CreateSessionBody): Session {
  const now = gw.now();
  let expiresAt = now + DEFAULT_TTL_MS;
  if (input.expires_at !== undefined) {
    const t = Date.parse(input.expires_at);
    if (!Number.isFinite(t) || t <= now || t > now + MAX_SESSION_MS) {
      throw validationError([problem('expires_at', 'an ISO 8601 time in the next 24 hours', input.expires_at)]);
    }
    expiresAt = t;
  }
  const formName = input.cards_session_js.form;
  const formId = formName === undefined ? null : formForSession(gw, owner, formName);
  const card = findTestCard(input.cards_session_js.card_payment_token_id);
  if (!card) throw new Error('validated card token vanished');
  const customer = input.customer ?? null;
  const created = new Date(now).toISOString();
  const session: Session = {
    payment_session_id: `ps-${randomUUID()}`,
    reference_id: input.reference_id,
    session_type: input.session_type,
    mode: input.mode ?? 'CARDS_SESSION_JS',
    status: 'ACTIVE',
    amount: input.amount,
    currency: input.currency,
    country: input.country,
    customer_id: input.customer_id ?? (customer ? `cust-${randomUUID()}` : null),
    customer,
    business_id: businessId(owner),
    cards_session_js: {
      card_payment_token_id: input.cards_session_js.card_payment_token_id,
      success_return_url: input.cards_session_js.success_return_url,
      failure_return_url: input.cards_session_js.failure_return_url,
      form: formName ?? null,
    },
    card: { brand: card.brand, last4: card.last4 },
    allowed_origins: input.allowed_origins ?? returnOrigins(input.cards_session_js),
    locale: input.locale ?? 'en',
    metadata: input.metadata ?? null,
    payment_request_id: null,
    expires_at: new Date(expiresAt).toISOString(),
    created,
    updated: created,
  };
  gw.store.insertSession(session, owner, formId);
  return session;
}

/** Cancels an ACTIVE session of `owner`; answers it canceled. */
export function cancelSession(gw: Gateway, owner: string, id: string): Session {
  const session = loadSession(gw, id, owner);
  requireActive(session);
  gw.store.updateSession(session.payment_session_id, { status: 'CANCELED' });
  return publicSession(loadSession(gw, session.payment_session_id));
}

/** A payment request of a session of `owner`; another key's is not found either, in the same words. */
export function paymentRequestOf(gw: Gateway, owner: string, id: string): PaymentRequest {
  const pr = gw.store.getPaymentRequest(id);
  if (!pr || !owns(gw, owner, pr.payment_session_id)) {
    throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No payment request ${id.slice(0, 64)}`);
  }
  return pr;
}

/** The sandbox's stored test cards, as `GET /v1/test_cards` lists them. */
export function testCards() {
  return Object.entries(TEST_CARDS).map(([id, card]) => ({ card_payment_token_id: id, ...card }));
}

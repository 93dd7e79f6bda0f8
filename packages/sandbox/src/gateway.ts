import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '@cards-session/protocol';
import type { Assets } from './assets';
import { ApiError } from './errors';
import type { Session } from './model';
import type { Store } from './store';
import type { Tokens } from './tokens';
import { expireIfDue } from './transitions';

/** What every route works with. */
export interface Gateway {
  store: Store;
  tokens: Tokens;
  assets: Assets;
  /** The gateway's public origin: token issuer, `action_url` base, frame origin. */
  origin: string;
  secretKeys: readonly string[];
  /** Refused CVNs before a session locks. */
  maxCvnAttempts: number;
  /** Payment requests a session may have; the next CVN submit that would create one is refused. */
  maxPaymentRequests: number;
  /** Wrong 3-D Secure codes per payment request; the last one allowed fails the request. */
  maxWrongThreeDsCodes: number;
  now: () => number;
  /** Called after webhook events are enqueued, to deliver them without waiting for the next poll. */
  onWebhook: () => void;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who owns what a secret key creates: the SHA-256 of the key, hex. Stored instead of the key, so
 * the database names the owner without holding anything that authenticates as it.
 */
export function ownerId(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}

/**
 * Checks HTTP Basic auth with a secret key as the user name; throws `INVALID_API_KEY`. Answers
 * the key's owner id.
 */
export function requireSecretKey(gw: Gateway, req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  const user = match?.[1] ? (Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] ?? '') : '';
  if (!user || !gw.secretKeys.some((key) => safeEqual(key, user))) {
    throw new ApiError(
      401,
      ErrorCode.INVALID_API_KEY,
      'API key is missing or invalid: use HTTP Basic auth with your secret key as the user name',
    );
  }
  return ownerId(user);
}

/**
 * Whether `owner` may use a session: its creator, or any key for a session from before
 * ownership (no owner). An unknown session is nobody's.
 */
export function owns(gw: Gateway, owner: string, sessionId: string): boolean {
  const stored = gw.store.sessionOwner(sessionId);
  return stored === null || (stored !== undefined && safeEqual(stored, owner));
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
  if (expireIfDue(gw, id)) return { ...session, status: 'EXPIRED' };
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

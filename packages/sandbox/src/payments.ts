import { randomUUID } from 'node:crypto';
import { ErrorCode, checkCvn, cvnLengths, type CardBrand } from '@cards-session/protocol';
import { ApiError, validationError } from './errors';
import type { Gateway } from './context';
import { loadSession, paymentRequestsExhausted, requireActive } from './sessions';
import type { PaymentRequest, Session } from './model';
import type { IdempotencyRecord } from './store';
import { findTestCard, type Outcome } from './test-cards';
import type { ClientClaims } from './tokens';
import { completePayment, failPayment } from './transitions';

const LOCKED = 'Too many wrong security codes: this session is locked';

/** One call to `payment_with_session`, its HTTP parsed: the client token's claims, the key, the body. */
export interface PaymentAttempt {
  claims: ClientClaims & { expired: boolean };
  key: string;
  cvn: unknown;
}

/** The answer to send: a stored record, and whether it is a replay of an earlier call. */
export interface PaymentAnswer {
  record: IdempotencyRecord;
  replayed: boolean;
}

/**
 * What binds an answer to its attempt: the session, the merchant origin and the client token
 * (`jti`). Never the CVN, nor anything derived from it (security invariant 7).
 */
function fingerprintOf({ session, origin, jti }: ClientClaims): string {
  return JSON.stringify({ session, origin, jti });
}

/**
 * The stored answer for this key, if the same attempt (same session, origin and client token)
 * already got one; `IDEMPOTENCY_CONFLICT` if the key was spent on another attempt.
 */
function storedAnswer(gw: Gateway, attempt: PaymentAttempt): IdempotencyRecord | null {
  const record = gw.store.getIdempotency(attempt.claims.session, attempt.key);
  if (record && record.fingerprint !== fingerprintOf(attempt.claims)) {
    throw new ApiError(
      409,
      ErrorCode.IDEMPOTENCY_CONFLICT,
      'Idempotency-Key was used with another client token: a retry sends the same key and token',
    );
  }
  return record ?? null;
}

/** Refusals that depend on the session as it is now; checked before signing and again when deciding. */
function refuseNow(gw: Gateway, session: Session & { cvnAttempts: number }): void {
  requireActive(session);
  if (session.cvnAttempts >= gw.maxCvnAttempts) throw new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, LOCKED);
}

/**
 * `payment_with_session`: one attempt, one Idempotency-Key with its client token. A retry of the
 * attempt gets the stored answer (status and body, next client token and result token included)
 * whatever the session's state now, and changes nothing. A new attempt spends its token, and its
 * token use, attempt count, payment request, webhooks and stored answer land together or not at all,
 * on disk before the answer resolves.
 */
export async function payWithSession(gw: Gateway, attempt: PaymentAttempt): Promise<PaymentAnswer> {
  const { claims } = attempt;
  const stored = storedAnswer(gw, attempt);
  if (stored) return { record: stored, replayed: true };
  if (claims.expired) throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token has expired');

  const session = loadSession(gw, claims.session);
  requireActive(session);
  if (!session.allowed_origins.includes(claims.origin)) {
    throw new ApiError(403, ErrorCode.ORIGIN_NOT_ALLOWED, `${claims.origin} is no longer allowed for this session`);
  }
  refuseNow(gw, session);
  const outcome = findTestCard(session.cards_session_js.card_payment_token_id)?.outcome ?? 'challenge';
  // Refused before any signing when the attempt would create a payment request the session has
  // no room for; decided again in the transaction, where parallel attempts are counted.
  if (outcome !== 'cvn_mismatch' && !cvnProblem(attempt.cvn, session.card.brand)) {
    const exhausted = paymentRequestsExhausted(gw, session.payment_session_id);
    if (exhausted) throw exhausted;
  }

  // Signed before the transaction: signing is async, the transaction must not be.
  const nextToken = await gw.tokens.issueClient(
    session.payment_session_id,
    claims.origin,
    claims.op,
    Date.parse(session.expires_at),
  );
  const prId = `pr-${randomUUID()}`;
  const resultToken = await gw.tokens.issueResult({
    payment_request_id: prId,
    payment_session_id: session.payment_session_id,
    reference_id: session.reference_id,
    status: outcome === 'frictionless' ? 'SUCCEEDED' : 'REQUIRES_ACTION',
    amount: session.amount,
    currency: session.currency,
  });

  // Decided in the next group commit, with the attempts that arrive beside it, and answered once
  // that batch is on disk. A parallel retry of this attempt that got here first (in an earlier
  // batch, or earlier in this one) wins; this one replays its answer.
  return gw.store.commit(() => {
    const first = storedAnswer(gw, attempt);
    if (first) return { record: first, replayed: true };
    if (!gw.store.consumeToken(claims.jti)) {
      throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token was already used');
    }
    const { status, body } = decide(gw, {
      session: session.payment_session_id,
      cvn: attempt.cvn,
      outcome,
      prId,
      nextToken,
      resultToken,
    });
    const record = { fingerprint: fingerprintOf(claims), status, body: JSON.stringify(body) };
    gw.store.putIdempotency(claims.session, attempt.key, record);
    return { record, replayed: false };
  });
}

interface Decision {
  session: string;
  cvn: unknown;
  outcome: Outcome;
  prId: string;
  nextToken: string;
  resultToken: string;
}

/** Why `cvn` cannot be a security code for `brand`, as "expected X, received Y", or `null`. */
function cvnProblem(cvn: unknown, brand: CardBrand): string | null {
  if (typeof cvn === 'string' && checkCvn(cvn, brand).valid) return null;
  return `expected ${cvnLengths(brand).join(' or ')} digits, received ${describeCvn(cvn)}`;
}

/** What came instead of a CVN: its type, or how many characters and whether all were digits; never which. */
function describeCvn(cvn: unknown): string {
  if (cvn === undefined) return 'nothing';
  if (cvn === null) return 'null';
  if (Array.isArray(cvn)) return 'an array';
  if (typeof cvn === 'object') return 'an object';
  if (typeof cvn !== 'string') return `a ${typeof cvn}`;
  if (cvn === '') return 'an empty string';
  const s = cvn.length === 1 ? '' : 's';
  return /^[0-9]+$/.test(cvn) ? `${cvn.length} digit${s}` : `${cvn.length} character${s}, not all digits`;
}

/** The outcome of a new attempt, inside its transaction. */
function decide(gw: Gateway, d: Decision): { status: number; body: object } {
  // Checked again here: parallel calls may have locked, completed or canceled the session while
  // this one was signing tokens. A locked session refuses even a correct CVN (invariant 8), and a
  // session is paid at most once.
  const current = gw.store.getSession(d.session);
  if (!current) throw new Error(`no session ${d.session}`);
  refuseNow(gw, current);
  const answer = (error: ApiError, extra: object = {}) => ({
    status: error.status,
    body: { ...error.toBody(), ...extra },
  });

  // A malformed CVN is refused without counting: the frame never sends one, so only another
  // client does, and it must not lock the shopper out faster than wrong codes can.
  const malformed = cvnProblem(d.cvn, current.card.brand);
  if (malformed) {
    const error = validationError([{ path: 'cvn', message: malformed }]);
    error.clientToken = d.nextToken;
    return answer(error);
  }
  if (d.outcome === 'cvn_mismatch') {
    const attempts = gw.store.addCvnAttempt(d.session);
    if (attempts >= gw.maxCvnAttempts) return answer(new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, LOCKED));
    return answer(
      new ApiError(
        400,
        ErrorCode.INVALID_CVN,
        'The security code does not match the card',
        [{ path: 'cvn', message: 'does not match' }],
        d.nextToken,
      ),
    );
  }

  const exhausted = paymentRequestsExhausted(gw, d.session);
  if (exhausted) return answer(exhausted);

  const now = new Date(gw.now()).toISOString();
  const pr: PaymentRequest = {
    payment_request_id: d.prId,
    payment_session_id: d.session,
    reference_id: current.reference_id,
    status: 'REQUIRES_ACTION',
    amount: current.amount,
    currency: current.currency,
    action_url: `${gw.origin}/v1/3ds/${d.prId}`,
    failure_code: null,
    created: now,
    updated: now,
  };
  gw.store.insertPaymentRequest(pr);
  if (d.outcome === 'decline') {
    failPayment(gw, d.prId, 'CARD_DECLINED');
    const declined = new ApiError(
      402,
      ErrorCode.CARD_DECLINED,
      'The card was declined by its issuer',
      undefined,
      d.nextToken,
    );
    return answer(declined, { payment_request_id: d.prId });
  }
  if (d.outcome === 'frictionless') completePayment(gw, d.prId);
  return {
    status: 200,
    body: {
      payment_request_id: d.prId,
      action_url: pr.action_url,
      message:
        d.outcome === 'frictionless' ? 'Payment succeeded without a challenge' : '3-D Secure authentication required',
      client_token: d.nextToken,
      result_token: d.resultToken,
    },
  };
}

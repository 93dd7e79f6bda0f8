import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ErrorCode, checkCvn } from '@cards-session/protocol';
import { ApiError } from '../errors';
import { loadSession, requireActive, type Gateway } from '../gateway';
import { readJson, type Router } from '../http';
import type { PaymentRequest } from '../model';
import type { IdempotencyRecord } from '../store';
import { findTestCard } from '../test-cards';
import { completePayment, failPayment } from '../transitions';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;
const LOCKED = 'Too many wrong security codes: this session is locked';

function sendRecord(res: ServerResponse, record: IdempotencyRecord, replayed: boolean): void {
  res.writeHead(record.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
  res.end(record.body);
}

/**
 * `POST /v1/payment_with_session`: the one call that carries a CVN, made only by the frame.
 * The CVN is checked and dropped: it is never stored, logged or hashed, and the idempotency
 * record is keyed on the session alone.
 */
export function paymentRoutes(router: Router, gw: Gateway): void {
  router.add('POST', '/v1/payment_with_session', async ({ req, res }) => {
    if (req.headers.origin !== gw.origin) {
      throw new ApiError(403, ErrorCode.ORIGIN_NOT_ALLOWED, 'Only the Cards Session frame may call this endpoint');
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const claims = bearer ? await gw.tokens.verifyClient(bearer) : null;
    if (!claims)
      throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token is missing, malformed or expired');

    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        400,
        ErrorCode.API_VALIDATION_ERROR,
        'expected an Idempotency-Key header of 8 to 255 characters [A-Za-z0-9_.:-]',
      );
    }
    const { payment_session_id: sessionId, cvn } = await readJson(req, 4096);
    if (sessionId !== claims.session) {
      throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token was issued for another session');
    }

    const fingerprint = JSON.stringify({ session: sessionId, origin: claims.origin });
    const replay = (): IdempotencyRecord | null => {
      const record = gw.store.getIdempotency(claims.session, key);
      if (record && record.fingerprint !== fingerprint) {
        throw new ApiError(409, ErrorCode.IDEMPOTENCY_CONFLICT, 'Idempotency-Key was used for another request');
      }
      return record ?? null;
    };
    const stored = replay();
    if (stored) return sendRecord(res, stored, true);

    const session = loadSession(gw, claims.session);
    requireActive(session);
    if (!session.allowed_origins.includes(claims.origin)) {
      throw new ApiError(403, ErrorCode.ORIGIN_NOT_ALLOWED, `${claims.origin} is no longer allowed for this session`);
    }
    if (session.cvnAttempts >= gw.maxCvnAttempts) throw new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, LOCKED);
    const outcome = findTestCard(session.cards_session_js.card_payment_token_id)?.outcome ?? 'challenge';

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

    const decide = (): { status: number; body: object } => {
      if (!gw.store.consumeToken(claims.jti)) {
        throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token was already used');
      }
      // Checked again in the transaction: parallel calls may have locked the session since the
      // check above, and a locked session must refuse even a correct CVN (invariant 8).
      const current = gw.store.getSession(session.payment_session_id) ?? session;
      if (current.cvnAttempts >= gw.maxCvnAttempts) {
        throw new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, LOCKED);
      }
      // Likewise its status: a parallel call may have completed it (or the merchant canceled it)
      // while this one was signing tokens; a session is paid at most once.
      requireActive(current);
      const wellFormed = typeof cvn === 'string' && checkCvn(cvn, session.card.brand).valid;
      if (!wellFormed || outcome === 'cvn_mismatch') {
        const attempts = gw.store.addCvnAttempt(session.payment_session_id);
        const length = session.card.brand === 'amex' ? '4' : session.card.brand === 'unknown' ? '3 or 4' : '3';
        const error =
          attempts >= gw.maxCvnAttempts
            ? new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, LOCKED)
            : wellFormed
              ? new ApiError(
                  400,
                  ErrorCode.INVALID_CVN,
                  'The security code does not match the card',
                  [{ path: 'cvn', message: 'does not match' }],
                  nextToken,
                )
              : new ApiError(
                  400,
                  ErrorCode.INVALID_CVN,
                  `expected cvn to be ${length} digits`,
                  [{ path: 'cvn', message: 'invalid security code' }],
                  nextToken,
                );
        return { status: error.status, body: error.toBody() };
      }
      const now = new Date(gw.now()).toISOString();
      const pr: PaymentRequest = {
        payment_request_id: prId,
        payment_session_id: session.payment_session_id,
        reference_id: session.reference_id,
        status: 'REQUIRES_ACTION',
        amount: session.amount,
        currency: session.currency,
        action_url: `${gw.origin}/v1/3ds/${prId}`,
        failure_code: null,
        created: now,
        updated: now,
      };
      gw.store.insertPaymentRequest(pr);
      if (outcome === 'decline') {
        failPayment(gw, prId, 'CARD_DECLINED');
        const error = new ApiError(
          402,
          ErrorCode.CARD_DECLINED,
          'The card was declined by its issuer',
          undefined,
          nextToken,
        );
        return { status: error.status, body: { ...error.toBody(), payment_request_id: prId } };
      }
      if (outcome === 'frictionless') completePayment(gw, prId);
      return {
        status: 200,
        body: {
          payment_request_id: prId,
          action_url: pr.action_url,
          message:
            outcome === 'frictionless' ? 'Payment succeeded without a challenge' : '3-D Secure authentication required',
          client_token: nextToken,
          result_token: resultToken,
        },
      };
    };
    // Token use, attempt count, payment request, webhooks and idempotency record land together
    // or not at all. A parallel retry with the same key that got here first wins; this one replays it.
    const { record, replayed } = gw.store.transaction(() => {
      const first = replay();
      if (first) return { record: first, replayed: true };
      const { status, body } = decide();
      const written = { fingerprint, status, body: JSON.stringify(body) };
      gw.store.putIdempotency(claims.session, key, written);
      return { record: written, replayed: false };
    });
    sendRecord(res, record, replayed);
  });
}

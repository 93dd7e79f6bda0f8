import { randomUUID } from 'node:crypto';
import { ErrorCode, checkCvn } from '@cards-session/protocol';
import { ApiError } from '../errors';
import { loadSession, requireActive, type Gateway } from '../gateway';
import { readJson, type Router } from '../http';
import type { PaymentRequest } from '../model';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

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
    if (!claims) throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token is missing, malformed or expired');

    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'expected an Idempotency-Key header of 8 to 255 characters [A-Za-z0-9_.:-]');
    }
    const body = await readJson(req, 4096);
    const { payment_session_id: sessionId, cvn } = body;
    if (sessionId !== claims.session) {
      throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token was issued for another session');
    }

    const fingerprint = JSON.stringify({ session: sessionId, origin: claims.origin });
    const replay = gw.store.getIdempotency(claims.session, key);
    if (replay) {
      if (replay.fingerprint !== fingerprint) throw new ApiError(409, ErrorCode.IDEMPOTENCY_CONFLICT, 'Idempotency-Key was used for another request');
      res.writeHead(replay.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Idempotent-Replayed': 'true' });
      res.end(replay.body);
      return;
    }

    const session = loadSession(gw, claims.session);
    requireActive(session);
    if (!session.allowed_origins.includes(claims.origin)) {
      throw new ApiError(403, ErrorCode.ORIGIN_NOT_ALLOWED, `${claims.origin} is no longer allowed for this session`);
    }
    if (session.cvnAttempts >= gw.maxCvnAttempts) {
      throw new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, 'Too many wrong security codes: this session is locked');
    }

    // Signed before the transaction: signing is async, the transaction must not be.
    const expiresAt = Date.parse(session.expires_at);
    const nextToken = await gw.tokens.issueClient(session.payment_session_id, claims.origin, claims.op, expiresAt);
    const prId = `pr-${randomUUID()}`;
    const resultToken = await gw.tokens.issueResult({
      payment_request_id: prId,
      payment_session_id: session.payment_session_id,
      reference_id: session.reference_id,
      status: 'REQUIRES_ACTION',
      amount: session.amount,
      currency: session.currency,
    });

    const decide = (): { status: number; body: object } => {
      if (!gw.store.consumeToken(claims.jti)) {
        throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token was already used');
      }
      // Checked again in the transaction: parallel calls may have locked the session since the
      // check above, and a locked session must refuse even a correct CVN (invariant 8).
      if ((gw.store.getSession(session.payment_session_id)?.cvnAttempts ?? 0) >= gw.maxCvnAttempts) {
        throw new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, 'Too many wrong security codes: this session is locked');
      }
      const cvnOk = typeof cvn === 'string' && checkCvn(cvn, session.card.brand).valid;
      if (!cvnOk) {
        const attempts = gw.store.addCvnAttempt(session.payment_session_id);
        const locked = attempts >= gw.maxCvnAttempts;
        const error = locked
          ? new ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, 'Too many wrong security codes: this session is locked')
          : new ApiError(400, ErrorCode.INVALID_CVN, `expected cvn to be ${session.card.brand === 'amex' ? '4' : session.card.brand === 'unknown' ? '3 or 4' : '3'} digits`, [{ path: 'cvn', message: 'invalid security code' }], nextToken);
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
      return {
        status: 200,
        body: {
          payment_request_id: prId,
          action_url: pr.action_url,
          message: '3-D Secure authentication required',
          client_token: nextToken,
          result_token: resultToken,
        },
      };
    };
    // Token use, attempt count, payment request and idempotency record land together or not at all.
    const outcome = gw.store.transaction(() => {
      const { status, body } = decide();
      const text = JSON.stringify(body);
      gw.store.putIdempotency(claims.session, key, { fingerprint, status, body: text });
      return { status, text };
    });
    res.writeHead(outcome.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(outcome.text);
  });
}

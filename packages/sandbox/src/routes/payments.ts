import type { ServerResponse } from 'node:http';
import { ErrorCode } from '@cards-session/protocol';
import { ApiError } from '../errors';
import type { Gateway } from '../gateway';
import { readJson, type Router } from '../http';
import { payWithSession } from '../payments';
import type { IdempotencyRecord } from '../store';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

function sendRecord(res: ServerResponse, record: IdempotencyRecord, replayed: boolean): void {
  res.writeHead(record.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
  res.end(record.body);
}

/**
 * `POST /v1/payment_with_session`: the one call that carries a CVN, made only by the frame. The
 * route checks the HTTP (origin, client token, Idempotency-Key, body); `payWithSession` decides.
 */
export function paymentRoutes(router: Router, gw: Gateway): void {
  router.add('POST', '/v1/payment_with_session', async ({ req, res }) => {
    if (req.headers.origin !== gw.origin) {
      throw new ApiError(403, ErrorCode.ORIGIN_NOT_ALLOWED, 'Only the Cards Session frame may call this endpoint');
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    // Expired tokens pass here only to find the stored answer of the call they were spent on.
    const claims = bearer ? await gw.tokens.verifyClient(bearer, { allowExpired: true }) : null;
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
    const { record, replayed } = await payWithSession(gw, { claims, key, cvn });
    sendRecord(res, record, replayed);
  });
}

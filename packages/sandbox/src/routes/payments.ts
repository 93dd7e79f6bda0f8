import type { ServerResponse } from 'node:http';
import { ErrorCode } from '@cards-session/protocol';
import type { Gateway } from '../context';
import { ApiError } from '../errors';
import type { Router } from '../http';
import { payWithSession } from '../payments';
import { BASE_HEADERS } from '../security-headers';
import type { IdempotencyRecord } from '../store';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

function sendRecord(res: ServerResponse, record: IdempotencyRecord, replayed: boolean): void {
  res.writeHead(record.status, {
    'Content-Type': 'application/json; charset=utf-8',
    ...BASE_HEADERS,
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
  res.end(record.body);
}

/**
 * `POST /v1/payment_with_session`: the one call that carries a CVN, made only by the frame. The
 * router checked the caller (origin, client token); the route checks the Idempotency-Key and the
 * body; `payWithSession` decides.
 */
export function paymentRoutes(router: Router, gw: Gateway): void {
  router.route('payWithSession', async ({ req, res, claims, body }) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        400,
        ErrorCode.API_VALIDATION_ERROR,
        'expected an Idempotency-Key header of 8 to 255 characters [A-Za-z0-9_.:-]',
      );
    }
    const { payment_session_id: sessionId, cvn } = await body();
    if (sessionId !== claims.session) {
      throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token was issued for another session');
    }
    const { record, replayed } = await payWithSession(gw, { claims, key, cvn });
    sendRecord(res, record, replayed);
  });
}

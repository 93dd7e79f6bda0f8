import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ResultClaims } from './orders';

/** Why a reported result was not believed. */
export class ResultTokenError extends Error {
  constructor(
    readonly code: 'INVALID_RESULT_TOKEN' | 'RESULT_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies the result tokens the checkout page reports, against the gateway's published keys
 * (`/.well-known/jwks.json`, fetched once and refreshed when an unknown key id shows up). The
 * same check can be made with `POST /v1/tokens/validate`; the JWKS needs no round trip per token.
 */
export function resultTokenVerifier(gatewayOrigin: string): (token: string) => Promise<ResultClaims> {
  const keys = createRemoteJWKSet(new URL('/.well-known/jwks.json', gatewayOrigin));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: gatewayOrigin,
        audience: 'cards-session:merchant',
        algorithms: ['ES256'],
        typ: 'cs-result+jwt',
      });
      const { payment_request_id, payment_session_id, reference_id, status } = payload;
      if (
        typeof payment_request_id !== 'string' ||
        typeof payment_session_id !== 'string' ||
        typeof reference_id !== 'string' ||
        typeof status !== 'string'
      ) {
        throw new Error('the token lacks the payment claims');
      }
      return { payment_request_id, payment_session_id, reference_id, status };
    } catch (err) {
      throw new ResultTokenError('INVALID_RESULT_TOKEN', `result token refused: ${(err as Error).message}`);
    }
  };
}

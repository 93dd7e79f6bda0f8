import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { ResultClaims } from './orders';

/** Why a reported result was not believed, or could not be checked. */
export class ResultTokenError extends Error {
  constructor(
    readonly code: 'INVALID_RESULT_TOKEN' | 'GATEWAY_UNREACHABLE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies the result tokens the checkout page reports, against the gateway's published keys
 * (`/.well-known/jwks.json`, fetched once and refreshed when an unknown key id shows up), with
 * issuer, audience, algorithm and token type pinned. `POST /v1/tokens/validate` makes the same
 * check; the JWKS needs no round trip per token. `keys` replaces the JWKS in tests.
 */
export function resultTokenVerifier(
  gatewayOrigin: string,
  keys: JWTVerifyGetKey = createRemoteJWKSet(new URL('/.well-known/jwks.json', gatewayOrigin)),
): (token: string) => Promise<ResultClaims> {
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: gatewayOrigin,
        audience: 'cards-session:merchant',
        algorithms: ['ES256'],
        typ: 'cs-result+jwt',
      }));
    } catch (err) {
      // The keys could not be fetched: not the token's fault, and worth a retry.
      if (!(err instanceof errors.JOSEError) || err instanceof errors.JWKSTimeout) {
        throw new ResultTokenError(
          'GATEWAY_UNREACHABLE',
          `the gateway's keys are unavailable: ${(err as Error).message}`,
        );
      }
      throw new ResultTokenError('INVALID_RESULT_TOKEN', `result token refused: ${err.message}`);
    }
    const { payment_request_id, payment_session_id, reference_id, status } = payload;
    if (
      typeof payment_request_id !== 'string' ||
      typeof payment_session_id !== 'string' ||
      typeof reference_id !== 'string' ||
      typeof status !== 'string'
    ) {
      throw new ResultTokenError('INVALID_RESULT_TOKEN', 'result token refused: it lacks the payment claims');
    }
    return { payment_request_id, payment_session_id, reference_id, status };
  };
}

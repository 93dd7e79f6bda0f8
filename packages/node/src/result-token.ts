import type { contract } from '@cards-session/sandbox';
import { createRemoteJWKSet, customFetch, errors, jwtVerify } from 'jose';
import { CardsSessionError, kindOf } from './errors';

/** A verified result token's claims, as the gateway's contract defines them. */
export type ResultClaims = contract.Infer<typeof contract.ResultClaims>;

/** What the order you are settling says the token must be about. */
export interface ResultTokenExpectations {
  /** The order's `payment_session_id`: a genuine token about another session is refused. */
  paymentSessionId: string;
  /** The order's `reference_id`, checked too when given. */
  referenceId?: string;
}

/** The audience the gateway signs merchant result tokens for; client tokens have another. */
export const RESULT_TOKEN_AUDIENCE = 'cards-session:merchant';
/** The JWT `typ` header of a result token. */
export const RESULT_TOKEN_TYPE = 'cs-result+jwt';

const STRING_CLAIMS = ['payment_request_id', 'payment_session_id', 'reference_id', 'status', 'currency'] as const;

/** Whether `err` says the keys could not be fetched (the gateway's fault, not the token's). */
function keysUnavailable(err: unknown): boolean {
  return (
    !(err instanceof errors.JOSEError) ||
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    // jose's own error for a JWKS answer that is not 200 or not JSON.
    err.constructor === errors.JOSEError
  );
}

/**
 * A verifier of result tokens from the gateway at `gateway` (an origin): ES256 only, `typ`
 * {@link RESULT_TOKEN_TYPE}, issuer the gateway, audience {@link RESULT_TOKEN_AUDIENCE}, `exp`
 * required and not past, every payment claim present, `sub` the payment request, and the order's
 * session (and reference) checked. The JWKS (`/.well-known/jwks.json`) is fetched once with
 * `fetchImpl` and cached; an unknown key id refetches it (rate-limited by jose).
 */
export function resultTokenVerifier(
  gateway: string,
  fetchImpl: typeof fetch,
): (token: string, expected: ResultTokenExpectations) => Promise<ResultClaims> {
  const keys = createRemoteJWKSet(new URL('/.well-known/jwks.json', gateway), {
    [customFetch]: (url: string, init: RequestInit) => fetchImpl(url, init),
  });
  return async (token, expected) => {
    if (typeof expected !== 'object' || expected === null) {
      throw new CardsSessionError(
        'INVALID_ARGUMENT',
        `expected the order to check against, received ${kindOf(expected)}`,
      );
    }
    const { paymentSessionId, referenceId } = expected;
    if (typeof paymentSessionId !== 'string' || paymentSessionId === '') {
      throw new CardsSessionError(
        'INVALID_ARGUMENT',
        `expected paymentSessionId to be a non-empty string, received ${kindOf(paymentSessionId)}`,
      );
    }
    if (referenceId !== undefined && (typeof referenceId !== 'string' || referenceId === '')) {
      throw new CardsSessionError(
        'INVALID_ARGUMENT',
        `expected referenceId to be a non-empty string or absent, received ${kindOf(referenceId)}`,
      );
    }
    if (typeof token !== 'string') {
      throw new CardsSessionError(
        'INVALID_RESULT_TOKEN',
        `expected the result token to be a string, received ${kindOf(token)}`,
      );
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: gateway,
        audience: RESULT_TOKEN_AUDIENCE,
        algorithms: ['ES256'],
        typ: RESULT_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (err) {
      if (keysUnavailable(err)) {
        throw new CardsSessionError(
          'NETWORK_ERROR',
          "the gateway's result token keys cannot be fetched",
          undefined,
          undefined,
          {
            cause: err,
          },
        );
      }
      throw new CardsSessionError(
        'INVALID_RESULT_TOKEN',
        `result token refused: ${(err as Error).message}`,
        undefined,
        undefined,
        {
          cause: err,
        },
      );
    }
    const missing = STRING_CLAIMS.filter((name) => typeof payload[name] !== 'string');
    if (missing.length || typeof payload.amount !== 'number' || payload.sub !== payload.payment_request_id) {
      throw new CardsSessionError(
        'INVALID_RESULT_TOKEN',
        'result token refused: expected the payment claims, with sub the payment_request_id',
      );
    }
    if (payload.payment_session_id !== paymentSessionId) {
      throw new CardsSessionError('RESULT_TOKEN_MISMATCH', 'the result token is about another payment session');
    }
    if (referenceId !== undefined && payload.reference_id !== referenceId) {
      throw new CardsSessionError('RESULT_TOKEN_MISMATCH', 'the result token is about another reference_id');
    }
    return payload as ResultClaims;
  };
}

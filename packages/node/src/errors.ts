/**
 * The error codes the gateway answers to the calls this package makes (`error_code` of its error
 * body), passed through as they are. A test holds this list to the contract's documented answers.
 */
export const GATEWAY_ERROR_CODES = [
  'API_VALIDATION_ERROR',
  'INVALID_FORM',
  'INVALID_API_KEY',
  'DATA_NOT_FOUND',
  'SESSION_NOT_ACTIVE',
  'SESSION_EXPIRED',
  'INTERNAL_ERROR',
] as const;

/** One of {@link GATEWAY_ERROR_CODES}: the gateway refused the call. */
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/**
 * What this package decides on its own server, without the gateway saying so:
 * - `INVALID_ARGUMENT`: a call got input of the wrong shape (a programming error).
 * - `GATEWAY_ERROR`: the gateway answered something that is not its documented JSON (a proxy's
 *   error page, an unknown error code, a success without a session).
 * - `NETWORK_ERROR`: the gateway (or its keys) could not be reached; worth a retry.
 * - `INVALID_RESULT_TOKEN`: not a result token the gateway signed for merchants, or expired.
 * - `RESULT_TOKEN_MISMATCH`: a genuine result token, about another session or order.
 * - `INVALID_CALLBACK_TOKEN`: the webhook's `x-callback-token` is missing or wrong.
 * - `INVALID_WEBHOOK_SIGNATURE`: the webhook's signature headers are missing or match no secret.
 * - `WEBHOOK_TIMESTAMP_OUT_OF_RANGE`: the webhook was signed too long ago or ahead (a replay).
 * - `INVALID_WEBHOOK_BODY`: a signed body that is no event, or whose `id` is not `webhook-id`.
 */
export type LocalErrorCode =
  | 'INVALID_ARGUMENT'
  | 'GATEWAY_ERROR'
  | 'NETWORK_ERROR'
  | 'INVALID_RESULT_TOKEN'
  | 'RESULT_TOKEN_MISMATCH'
  | 'INVALID_CALLBACK_TOKEN'
  | 'INVALID_WEBHOOK_SIGNATURE'
  | 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE'
  | 'INVALID_WEBHOOK_BODY';

/** Every code a {@link CardsSessionError} can carry. */
export type CardsSessionErrorCode = GatewayErrorCode | LocalErrorCode;

/**
 * The one error this package throws. Switch on `code`; `status` is the gateway's HTTP status when
 * it answered, `errors` its per-field problems for `API_VALIDATION_ERROR`. Messages never hold a
 * secret key, a token's content or a webhook body.
 */
export class CardsSessionError extends Error {
  override readonly name = 'CardsSessionError';

  constructor(
    /** What went wrong, as a code a server can switch on. */
    readonly code: CardsSessionErrorCode,
    message: string,
    /** The gateway's HTTP status, when the gateway answered. */
    readonly status?: number,
    /** The gateway's per-field problems (`path`, `message`), for `API_VALIDATION_ERROR`. */
    readonly errors?: readonly { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `value`'s type as an error message names it: `null`, `array`, `string`… */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Error codes shared by the gateway's HTTP answers, the frame and the SDK. A merchant switches on
 * `error.code`; `type` says whose move it is.
 */
export const ErrorCode = {
  /** Options passed to the SDK are wrong; the message says what was expected. */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** The mount target selector matched nothing, or is not an element. */
  MOUNT_TARGET_NOT_FOUND: 'MOUNT_TARGET_NOT_FOUND',
  /** `mount()` on a field that is already mounted, or use of a destroyed field. */
  FIELD_STATE: 'FIELD_STATE',
  /** `submit()` before any field reported `ready`. */
  FIELD_NOT_READY: 'FIELD_NOT_READY',
  /**
   * The frame said nothing within `readyTimeout` and the browser gave no other reason: a network
   * too slow, or a request still under way.
   */
  FRAME_LOAD_TIMEOUT: 'FRAME_LOAD_TIMEOUT',
  /** The frame document could not be fetched: the device is offline or the gateway unreachable. */
  FRAME_UNREACHABLE: 'FRAME_UNREACHABLE',
  /** The page's Content-Security-Policy refused the frame: allow the gateway in `frame-src`. */
  FRAME_BLOCKED: 'FRAME_BLOCKED',
  /**
   * The frame document arrived but never spoke: its script was blocked (an extension, a proxy)
   * or failed, or the gateway refused to be framed by this page.
   */
  FRAME_NOT_RESPONDING: 'FRAME_NOT_RESPONDING',
  /** SDK and frame speak different protocol versions. */
  VERSION_MISMATCH: 'VERSION_MISMATCH',
  /** `action_url` is not a URL the SDK will navigate to. */
  UNSAFE_ACTION_URL: 'UNSAFE_ACTION_URL',
  /** The shopper has not typed a complete security code. */
  INCOMPLETE_CVN: 'INCOMPLETE_CVN',
  /** The security code was refused (wrong length, non-digits, or it does not match the card). */
  INVALID_CVN: 'INVALID_CVN',
  /** The issuer declined the payment; the shopper may try another card. */
  CARD_DECLINED: 'CARD_DECLINED',
  /** Too many wrong security codes; the session is locked. */
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /**
   * The session has had as many payment requests as it allows (each declined or failed payment is
   * one); it takes no more. The shopper starts again, and the merchant creates a new session.
   */
  TOO_MANY_PAYMENT_REQUESTS: 'TOO_MANY_PAYMENT_REQUESTS',
  /** The request body failed validation; `errors` lists the fields. */
  API_VALIDATION_ERROR: 'API_VALIDATION_ERROR',
  /**
   * A custom form was refused (`errors` lists each problem as file, line, reason), or a session
   * names a form that does not exist (or was deleted).
   */
  INVALID_FORM: 'INVALID_FORM',
  /** The secret key is missing or wrong. */
  INVALID_API_KEY: 'INVALID_API_KEY',
  /** The client token is missing, expired, already used or not for this session. */
  INVALID_CLIENT_TOKEN: 'INVALID_CLIENT_TOKEN',
  /** The named session or payment request does not exist. */
  DATA_NOT_FOUND: 'DATA_NOT_FOUND',
  /** The session passed its `expires_at`. */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The session is completed or canceled. */
  SESSION_NOT_ACTIVE: 'SESSION_NOT_ACTIVE',
  /** The page embedding the frame is not one of the session's `allowed_origins`. */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** An `Idempotency-Key` was reused with a different request. */
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  /**
   * The answer to a call did not arrive (lost, timed out, or a 5xx). For `submit()` the attempt
   * is kept: calling `submit()` again resumes it, and never pays twice.
   */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The gateway answered with something unexpected. */
  GATEWAY_ERROR: 'GATEWAY_ERROR',
  /** A bug in Cards Session; please report it. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

/** One of {@link ErrorCode}'s values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Whose move an error is: fix the integration, ask the shopper, retry, or report. */
export type ErrorType = 'merchant' | 'customer' | 'network' | 'gateway' | 'internal';

const TYPES: Record<ErrorCode, ErrorType> = {
  INVALID_OPTIONS: 'merchant',
  MOUNT_TARGET_NOT_FOUND: 'merchant',
  FIELD_STATE: 'merchant',
  FIELD_NOT_READY: 'merchant',
  FRAME_LOAD_TIMEOUT: 'network',
  FRAME_UNREACHABLE: 'network',
  FRAME_BLOCKED: 'merchant',
  FRAME_NOT_RESPONDING: 'network',
  VERSION_MISMATCH: 'internal',
  UNSAFE_ACTION_URL: 'gateway',
  INCOMPLETE_CVN: 'customer',
  INVALID_CVN: 'customer',
  CARD_DECLINED: 'customer',
  TOO_MANY_ATTEMPTS: 'customer',
  TOO_MANY_PAYMENT_REQUESTS: 'customer',
  API_VALIDATION_ERROR: 'merchant',
  INVALID_FORM: 'merchant',
  INVALID_API_KEY: 'merchant',
  INVALID_CLIENT_TOKEN: 'gateway',
  DATA_NOT_FOUND: 'merchant',
  SESSION_EXPIRED: 'merchant',
  SESSION_NOT_ACTIVE: 'merchant',
  ORIGIN_NOT_ALLOWED: 'merchant',
  IDEMPOTENCY_CONFLICT: 'internal',
  NETWORK_ERROR: 'network',
  GATEWAY_ERROR: 'gateway',
  INTERNAL_ERROR: 'internal',
};

/** The {@link ErrorType} of a code. */
export function errorType(code: ErrorCode): ErrorType {
  return TYPES[code];
}

/** Whether `value` is one of the known error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(TYPES, value);
}

/** One problem of a refused custom form: `line` is 1-based, 0 for the file as a whole. */
export interface FormProblem {
  file: string;
  line: number;
  reason: string;
}

/** One field that failed validation: where, and "expected X, received Y". */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The body of every non-2xx gateway answer. */
export interface ApiErrorBody {
  error_code: ErrorCode;
  message: string;
  /** `API_VALIDATION_ERROR`: the fields; `INVALID_FORM`: the problems of the form. */
  errors?: FieldProblem[] | FormProblem[];
  /** Browser calls only: the next client token, when the session can still be used. */
  client_token?: string;
}

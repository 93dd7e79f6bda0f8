import { errorType, type ErrorCode, type ErrorType } from '@cards-session/protocol';

/**
 * The one error Cards Session throws, rejects with and emits. Switch on `code`; `type` says
 * whose move it is (`merchant`: fix the integration, `customer`: ask the shopper, `network`:
 * retry, `gateway` / `internal`: report).
 */
export class CardsSessionError extends Error {
  /** A stable code from {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Whose move the error is. */
  readonly type: ErrorType;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CardsSessionError';
    this.code = code;
    this.type = errorType(code);
  }
}

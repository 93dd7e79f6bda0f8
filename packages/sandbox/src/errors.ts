import { ErrorCode, type ApiErrorBody, type FieldProblem, type FormProblem } from '@cards-session/protocol';

/** A gateway error answer: HTTP status plus the Xendit-style body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldProblem[] | FormProblem[],
    /** Browser calls: the next client token, when the session can still be used. */
    public clientToken?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The JSON body of this answer. */
  toBody(): ApiErrorBody {
    return {
      error_code: this.code,
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.clientToken ? { client_token: this.clientToken } : {}),
    };
  }
}

/** 400 `API_VALIDATION_ERROR` listing each field that failed. */
export function validationError(errors: { path: string; message: string }[]): ApiError {
  const first = errors[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid request';
  return new ApiError(400, ErrorCode.API_VALIDATION_ERROR, `Request failed validation: ${summary}`, errors);
}

/** 400 `INVALID_FORM`: a custom form refused, with every problem found (`[]` for an unknown form). */
export function invalidForm(message: string, problems: FormProblem[] = []): ApiError {
  return new ApiError(400, ErrorCode.INVALID_FORM, message, problems);
}

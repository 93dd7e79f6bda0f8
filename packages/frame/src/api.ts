import { ErrorCode, isErrorCode, type SubmitReply } from '@cards-session/protocol';
import type { SecretCvn } from './secret';

/**
 * The frame's side of the payment API: it holds the client-token chain (each call spends one
 * token and receives the next) and makes the one request that carries the CVN.
 */
export class PaymentApi {
  constructor(
    private readonly session: string,
    private token: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** Sends the CVN with the session id; answers what the merchant page may be told. */
  async pay(cvn: SecretCvn, idempotencyKey: string): Promise<SubmitReply> {
    let response: Response;
    try {
      response = await this.fetcher('/v1/payment_with_session', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${this.token}`,
          'Idempotency-Key': idempotencyKey,
        },
        body: JSON.stringify({ payment_session_id: this.session, cvn: cvn.reveal() }),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      return fail(ErrorCode.NETWORK_ERROR, 'The payment service could not be reached');
    }
    let body: Record<string, unknown>;
    try {
      // `?? {}`: a JSON `null` answer has no fields to read.
      body = ((await response.json()) ?? {}) as Record<string, unknown>;
    } catch {
      return fail(ErrorCode.GATEWAY_ERROR, `The payment service answered ${response.status} without JSON`);
    }
    if (typeof body.client_token === 'string') this.token = body.client_token;
    if (!response.ok) {
      const code = isErrorCode(body.error_code) ? body.error_code : ErrorCode.GATEWAY_ERROR;
      return fail(
        code,
        typeof body.message === 'string' ? body.message : `The payment service answered ${response.status}`,
      );
    }
    const { payment_request_id, action_url, message, result_token } = body;
    if (typeof payment_request_id !== 'string' || typeof action_url !== 'string' || typeof result_token !== 'string') {
      return fail(ErrorCode.GATEWAY_ERROR, 'The payment service answer is missing fields');
    }
    return {
      ok: true,
      result: { payment_request_id, action_url, message: typeof message === 'string' ? message : '', result_token },
    };
  }
}

function fail(code: ErrorCode, message: string): SubmitReply {
  return { ok: false, error: { code, message } };
}

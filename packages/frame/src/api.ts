import { ErrorCode, isErrorCode, type SubmitReply } from '@cards-session/protocol';
import type { SecretCvn } from './secret';

/** How the frame retries an attempt whose answer did not arrive. */
export interface RetryPolicy {
  /** How long one request may take before it counts as lost, in ms. */
  timeoutMs: number;
  /** The waits between tries, in ms: one more try than there are waits. */
  backoffMs: readonly number[];
}

/**
 * Three tries over at most about 32 s, inside the SDK's 60 s `submit()` timeout. A lost answer
 * (a dropped connection on a phone) usually comes back on the first retry.
 */
const RETRY_POLICY: RetryPolicy = { timeoutMs: 10_000, backoffMs: [300, 1200] };

/** The longest gateway message handed to the page, well inside the protocol's string limit. */
export const MAX_MESSAGE = 500;

/**
 * One payment attempt: a key, the client token that goes with it and the code it carries, kept
 * together until the gateway's answer for it arrives. Sending it again can only be replayed by
 * the gateway, never paid twice.
 */
interface Attempt {
  key: string;
  token: string;
  cvn: SecretCvn;
}

/** What one request came back with: the gateway's answer, or nothing the attempt can rest on. */
type Outcome = { answered: true; reply: SubmitReply; token?: string } | { answered: false };

const lost = (): SubmitReply =>
  fail(ErrorCode.NETWORK_ERROR, 'The payment service did not answer: submit again to resume this payment');

/**
 * The frame's side of the payment API: it holds the client-token chain (each answered call spends
 * one token and receives the next) and makes the one request that carries the CVN.
 */
export class PaymentApi {
  private attempt: Attempt | null = null;

  constructor(
    private readonly session: string,
    private token: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
    private readonly policy: RetryPolicy = RETRY_POLICY,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  /** Whether an attempt still waits for its answer: the next {@link pay} resumes it. */
  get unresolved(): boolean {
    return this.attempt !== null;
  }

  /**
   * Sends `cvn` with the session id as a new attempt, or resumes the attempt whose answer was lost
   * (then `cvn` is ignored: the attempt repeats its own request). A lost answer, a timeout or a
   * 5xx is retried with the same key and token; when the tries run out the attempt is kept and
   * the page hears `NETWORK_ERROR`.
   */
  async pay(cvn: SecretCvn): Promise<SubmitReply> {
    const attempt = (this.attempt ??= { key: this.newKey(), token: this.token, cvn });
    for (let i = 0; ; i++) {
      const outcome = await this.send(attempt);
      if (outcome.answered) {
        this.attempt = null;
        if (outcome.token) this.token = outcome.token;
        return outcome.reply;
      }
      const backoff = this.policy.backoffMs[i];
      if (backoff === undefined) return lost();
      await this.wait(backoff);
    }
  }

  private async send(attempt: Attempt): Promise<Outcome> {
    let response: Response;
    let body: Record<string, unknown>;
    try {
      response = await this.fetcher('/v1/payment_with_session', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${attempt.token}`,
          'Idempotency-Key': attempt.key,
        },
        body: JSON.stringify({ payment_session_id: this.session, cvn: attempt.cvn.reveal() }),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      // `?? {}`: a JSON `null` has no fields to read.
      body = ((await response.json()) ?? {}) as Record<string, unknown>;
    } catch {
      // No answer, a timeout, or a body that is not JSON (a proxy's page): nothing says whether the
      // gateway took the attempt, so it is sent again as it was.
      return { answered: false };
    }
    if (response.status >= 500) return { answered: false };
    const token = typeof body.client_token === 'string' ? body.client_token : undefined;
    if (!response.ok) {
      // Only the gateway's own error body settles the attempt.
      if (!isErrorCode(body.error_code)) return { answered: false };
      const message =
        typeof body.message === 'string' ? brief(body.message) : `The payment service answered ${response.status}`;
      return { answered: true, reply: fail(body.error_code, message), token };
    }
    const { payment_request_id, action_url, message, result_token } = body;
    if (typeof payment_request_id !== 'string' || typeof action_url !== 'string' || typeof result_token !== 'string') {
      return {
        answered: true,
        reply: fail(ErrorCode.GATEWAY_ERROR, 'The payment service answer is missing fields'),
        token,
      };
    }
    const result = {
      payment_request_id,
      action_url,
      message: typeof message === 'string' ? brief(message) : '',
      result_token,
    };
    return { answered: true, reply: { ok: true, result }, token };
  }
}

/**
 * The gateway's words, cut to {@link MAX_MESSAGE}: the page refuses a whole reply whose message
 * is over the protocol's string limit, which would turn a settled answer into a protocol error.
 */
function brief(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

function fail(code: ErrorCode, message: string): SubmitReply {
  return { ok: false, error: { code, message } };
}

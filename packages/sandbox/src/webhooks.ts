import { Webhook } from 'standardwebhooks';
import type { Store } from './store';

/** Where and how to deliver webhooks. */
export interface WebhookOptions {
  /** The merchant's endpoint; `null` keeps events in the outbox until one is configured. */
  url: string | null;
  /** Standard Webhooks signing secret, `whsec_` + base64. */
  secret: string;
  /** Sent as `x-callback-token`, as Xendit does. */
  callbackToken: string;
  /** First retry delay in ms; doubles each attempt up to `maxDelayMs`. Default 1000. */
  baseDelayMs?: number;
  /** Default 300000 (5 minutes). */
  maxDelayMs?: number;
  /** Outbox poll interval in ms. Default 200. */
  pollMs?: number;
}

/** The decoded key length the Standard Webhooks specification asks of a secret, in bytes. */
const WEBHOOK_SECRET_BYTES = { min: 24, max: 64 } as const;

/**
 * Why `secret` cannot sign webhooks, or `null` when it can: it must be `whsec_` followed by
 * standard, padded base64 that the official `standardwebhooks` package decodes, of 24 to 64 bytes.
 * A secret the receivers' library cannot decode would make every delivery unverifiable.
 */
export function webhookSecretProblem(secret: string): string | null {
  const expected = `expected whsec_ followed by the base64 of ${WEBHOOK_SECRET_BYTES.min} to ${WEBHOOK_SECRET_BYTES.max} random bytes`;
  if (!secret.startsWith('whsec_')) return `${expected}, received no whsec_ prefix`;
  const base64 = secret.slice('whsec_'.length);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
    return `${expected}, received text that is not padded standard base64`;
  }
  try {
    new Webhook(secret);
  } catch {
    return `${expected}, received a secret the standardwebhooks package cannot decode`;
  }
  const bytes = Buffer.from(base64, 'base64').length;
  if (bytes < WEBHOOK_SECRET_BYTES.min || bytes > WEBHOOK_SECRET_BYTES.max)
    return `${expected}, received ${bytes} bytes`;
  return null;
}

/**
 * The Standard Webhooks signature, by the official `standardwebhooks` package: `v1,` + base64
 * HMAC-SHA256 over `id.timestamp.body`, keyed with the decoded `whsec_` secret.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
}

/**
 * Delivers the outbox: every due event is posted with its signature; a 2xx marks it delivered,
 * anything else (a redirect included: it is never followed) schedules a retry with exponential
 * backoff. Events survive restarts because they
 * live in the store; each keeps its id across retries for the receiver's de-duplication.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly signer: Webhook;

  constructor(
    private readonly store: Store,
    private readonly options: WebhookOptions,
    private readonly log: (line: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    const problem = webhookSecretProblem(options.secret);
    if (problem) throw new TypeError(`webhooks.secret: ${problem}`);
    this.signer = new Webhook(options.secret);
  }

  start(): void {
    if (!this.options.url || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 200);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over the due events; a pass already under way is joined, not repeated. */
  tick(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    const url = this.options.url;
    if (!url) return;
    const due = this.store.dueWebhooks(this.now(), 20);
    // Nothing is told before it is on disk: an event from a commit still being flushed waits.
    try {
      await this.store.durable();
    } catch (err) {
      this.log(
        `webhooks held, the disk refused the write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).name}`,
      );
      return;
    }
    for (const event of due) {
      const timestamp = Math.floor(this.now() / 1000);
      let error: string | null = null;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'x-callback-token': this.options.callbackToken,
            'webhook-id': event.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': this.signer.sign(event.id, new Date(timestamp * 1000), event.body),
          },
          body: event.body,
          // Never followed: the callback token and signature go to the configured URL and nowhere
          // else. A redirect is a failed delivery, retried like any other non-2xx answer.
          redirect: 'manual',
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        if (res.status >= 300 && res.status < 400) error = `HTTP ${res.status} redirect, not followed`;
        else if (!res.ok) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).name;
      }
      if (!error) {
        this.store.markWebhookDelivered(event.id, this.now());
        this.log(`webhook ${event.type} ${event.id} delivered`);
      } else {
        const delay = Math.min(
          this.options.maxDelayMs ?? 300_000,
          (this.options.baseDelayMs ?? 1000) * 2 ** event.attempts,
        );
        this.store.markWebhookFailed(event.id, this.now() + delay, error);
        this.log(`webhook ${event.type} ${event.id} failed (${error}), retry in ${delay}ms`);
      }
    }
  }
}

import { createHmac, randomUUID } from 'node:crypto';
import type { Store } from './store';

/** The events the sandbox posts to the merchant's webhook URL. */
export type WebhookType =
  'payment.capture' | 'payment.failure' | 'payment_session.completed' | 'payment_session.expired';

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

/** An event as stored in the outbox: a stable id, its type, and the exact body to post. */
export function webhookEvent(
  type: WebhookType,
  data: Record<string, unknown>,
  now: number,
): { id: string; type: string; body: string } {
  const id = `evt-${randomUUID()}`;
  const body = JSON.stringify({ id, event: type, business_id: 'sandbox', created: new Date(now).toISOString(), data });
  return { id, type, body };
}

/**
 * The Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 over `id.timestamp.body`, keyed
 * with the base64 part of the `whsec_` secret.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
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

  constructor(
    private readonly store: Store,
    private readonly options: WebhookOptions,
    private readonly log: (line: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

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
    for (const event of this.store.dueWebhooks(this.now(), 20)) {
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
            'webhook-signature': signWebhook(this.options.secret, event.id, timestamp, event.body),
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

import type { contract } from '@cards-session/sandbox';
import { timingSafeEqual } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { CardsSessionError, kindOf } from './errors';

/** What you check webhooks with: both come from the gateway's dashboard (the sandbox: its README). */
export interface WebhookSecrets {
  /** The Standard Webhooks signing secret, `whsec_` + base64. */
  secret: string;
  /** The `x-callback-token` the gateway sends with every webhook. */
  callbackToken: string;
  /**
   * How far the `webhook-timestamp` may be from now, in seconds: 1 to 300, default 300 (the
   * `standardwebhooks` package's own window, which it always applies too).
   */
  toleranceSeconds?: number;
}

/** `data` of `payment.capture` and `payment.failure`: the payment, with its proof in `payment_details`. */
export type PaymentEventData = contract.PaymentEventData;

/** `data` of `payment_session.completed` and `payment_session.expired`: the session, without its origins. */
export type SessionEventData = contract.SessionEventData;

/** The card a session pays with, as webhooks name it. */
export type WebhookCard = PaymentEventData['card'];

/** The envelope every webhook body shares; `id` is also the `webhook-id` header. */
export type WebhookEnvelope<E extends WebhookEvent['event'], D> = contract.WebhookEnvelope<E, D>;

/** A verified webhook: switch on `event` and `data` has that event's type. */
export type WebhookEvent = contract.WebhookEvent;

/** The four `event` names the gateway posts. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEvent['event'][] = [
  'payment.capture',
  'payment.failure',
  'payment_session.completed',
  'payment_session.expired',
];

const MAX_TOLERANCE_S = 300;

/** One header's value: the single value sent, or undefined when absent or repeated. */
function headerOf(headers: Headers | Record<string, string | string[] | undefined>, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  let found: string | undefined;
  let count = 0;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    count++;
    found = typeof value === 'string' ? value : undefined;
  }
  return count === 1 ? found : undefined;
}

function refuse(code: ConstructorParameters<typeof CardsSessionError>[0], message: string): never {
  throw new CardsSessionError(code, message);
}

/**
 * Verifies a webhook before anything in it is believed, and returns its event:
 * 1. `x-callback-token` equals `callbackToken` (constant-time compare);
 * 2. `webhook-timestamp` is an integer within `toleranceSeconds` of now (a replay is refused);
 * 3. the Standard Webhooks signature, checked by the official `standardwebhooks` package (any of
 *    the space-separated `v1,` signatures may match: secret rotation);
 * 4. the body is one of the four events and its `id` is `webhook-id`.
 *
 * `rawBody` must be the exact bytes received: re-serialised JSON does not match the signature.
 * Deliveries are retried: de-duplicate on the event's `id`.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: Headers | Record<string, string | string[] | undefined>,
  secrets: WebhookSecrets,
): WebhookEvent {
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    refuse('INVALID_ARGUMENT', `expected rawBody to be the raw string or bytes received, received ${kindOf(rawBody)}`);
  }
  if (typeof headers !== 'object' || headers === null) {
    refuse('INVALID_ARGUMENT', `expected headers to be Headers or an object, received ${kindOf(headers)}`);
  }
  if (typeof secrets !== 'object' || secrets === null) {
    refuse('INVALID_ARGUMENT', `expected secrets to be an object, received ${kindOf(secrets)}`);
  }
  const { secret, callbackToken, toleranceSeconds = MAX_TOLERANCE_S } = secrets;
  if (typeof secret !== 'string' || !secret.startsWith('whsec_')) {
    refuse('INVALID_ARGUMENT', `expected secret to be a "whsec_…" string, received ${kindOf(secret)}`);
  }
  if (typeof callbackToken !== 'string' || callbackToken === '') {
    refuse('INVALID_ARGUMENT', `expected callbackToken to be a non-empty string, received ${kindOf(callbackToken)}`);
  }
  if (!Number.isInteger(toleranceSeconds) || toleranceSeconds < 1 || toleranceSeconds > MAX_TOLERANCE_S) {
    refuse(
      'INVALID_ARGUMENT',
      `expected toleranceSeconds to be an integer from 1 to 300, received ${toleranceSeconds}`,
    );
  }
  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch {
    refuse('INVALID_ARGUMENT', 'expected secret to be "whsec_" followed by base64');
  }

  const sent = Buffer.from(headerOf(headers, 'x-callback-token') ?? '');
  const want = Buffer.from(callbackToken);
  if (sent.length !== want.length || !timingSafeEqual(sent, want)) {
    refuse('INVALID_CALLBACK_TOKEN', 'x-callback-token is missing or does not match');
  }
  const id = headerOf(headers, 'webhook-id');
  const timestamp = headerOf(headers, 'webhook-timestamp');
  const signature = headerOf(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) {
    refuse('INVALID_WEBHOOK_SIGNATURE', 'expected one webhook-id, webhook-timestamp and webhook-signature header each');
  }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) {
    refuse('WEBHOOK_TIMESTAMP_OUT_OF_RANGE', `webhook-timestamp is not within ${toleranceSeconds} s of now`);
  }
  const body =
    typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  try {
    const signed = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
    webhook.verify(body, signed, { jsonParse: false });
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw err;
    // The timestamp passed our window, which is never wider than the package's.
    refuse('INVALID_WEBHOOK_SIGNATURE', 'no webhook-signature matches the signing secret');
  }

  let event: unknown;
  try {
    event = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    refuse('INVALID_WEBHOOK_BODY', 'the signed body is not JSON');
  }
  const e = event as Partial<Record<keyof WebhookEvent, unknown>> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    e.id !== id ||
    !(WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e.event) ||
    typeof e.data !== 'object' ||
    e.data === null
  ) {
    refuse(
      'INVALID_WEBHOOK_BODY',
      `expected {id, event, data} with id equal to webhook-id and event one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    );
  }
  return e as WebhookEvent;
}

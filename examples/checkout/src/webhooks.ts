import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the merchant knows to check a webhook with: both values come from the gateway's dashboard. */
export interface WebhookSecrets {
  /** Standard Webhooks signing secret, `whsec_` + base64. */
  secret: string;
  /** The `x-callback-token` the gateway sends with every webhook. */
  callbackToken: string;
}

/** A webhook event as the gateway posts it. */
export interface WebhookEvent {
  id: string;
  event: string;
  created: string;
  data: Record<string, unknown>;
}

/** Why a webhook was refused: the HTTP status to answer and a code for the log. */
export interface WebhookRefusal {
  status: 400 | 401;
  code: 'INVALID_CALLBACK_TOKEN' | 'MISSING_SIGNATURE' | 'STALE_TIMESTAMP' | 'INVALID_SIGNATURE' | 'INVALID_BODY';
  message: string;
}

/** How far a webhook's timestamp may be from now, in seconds: a captured request can't be replayed later. */
export const WEBHOOK_TOLERANCE_S = 300;

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a webhook before anything in it is believed: the callback token, then the Standard
 * Webhooks signature over `id.timestamp.body` (any of the space-separated `v1,` signatures may
 * match, so the gateway can rotate secrets), then the timestamp window. `body` must be the raw
 * bytes as received: re-serialised JSON would not match the signature.
 */
export function verifyWebhook(
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  secrets: WebhookSecrets,
  now = Date.now(),
): { ok: true; event: WebhookEvent } | { ok: false; refusal: WebhookRefusal } {
  const refuse = (status: 400 | 401, code: WebhookRefusal['code'], message: string) =>
    ({ ok: false, refusal: { status, code, message } }) as const;
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };

  const token = Buffer.from(header('x-callback-token') ?? '');
  if (!sameBytes(token, Buffer.from(secrets.callbackToken))) {
    return refuse(401, 'INVALID_CALLBACK_TOKEN', 'x-callback-token does not match');
  }
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures) {
    return refuse(400, 'MISSING_SIGNATURE', 'expected webhook-id, webhook-timestamp and webhook-signature headers');
  }
  const key = Buffer.from(secrets.secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .some((s) => sameBytes(Buffer.from(s.slice(3), 'base64'), expected));
  if (!matches) return refuse(401, 'INVALID_SIGNATURE', 'no webhook-signature matches the signing secret');
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > WEBHOOK_TOLERANCE_S) {
    return refuse(400, 'STALE_TIMESTAMP', `webhook-timestamp is more than ${WEBHOOK_TOLERANCE_S} s from now`);
  }

  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse(400, 'INVALID_BODY', 'the body is not JSON');
  }
  const e = event as Partial<WebhookEvent> | null;
  if (
    !e ||
    typeof e !== 'object' ||
    e.id !== id ||
    typeof e.event !== 'string' ||
    typeof e.data !== 'object' ||
    !e.data
  ) {
    return refuse(400, 'INVALID_BODY', 'expected {id, event, data} with id equal to webhook-id');
  }
  return { ok: true, event: e as WebhookEvent };
}

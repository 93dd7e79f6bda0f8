import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_TOLERANCE_S, verifyWebhook, type WebhookSecrets } from './webhooks';

const secrets: WebhookSecrets = {
  secret: `whsec_${Buffer.from('test-secret').toString('base64')}`,
  callbackToken: 'cb-token',
};
const NOW = 1_800_000_000_000;

// Signed here independently of the receiver, the way the Standard Webhooks spec describes it.
function sign(id: string, ts: number, body: string, key = 'test-secret'): string {
  return `v1,${createHmac('sha256', Buffer.from(key)).update(`${id}.${ts}.${body}`).digest('base64')}`;
}

function delivery(overrides: Record<string, string | undefined> = {}, body?: string) {
  const id = 'evt-1';
  const ts = Math.floor(NOW / 1000);
  const raw =
    body ?? JSON.stringify({ id, event: 'payment.capture', created: '', data: { payment_session_id: 'ps-1' } });
  const headers = {
    'x-callback-token': 'cb-token',
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': sign(id, ts, raw),
    ...overrides,
  };
  return { headers, body: Buffer.from(raw) };
}

describe('verifyWebhook', () => {
  it('accepts a correctly signed event and returns it', () => {
    const { headers, body } = delivery();
    const result = verifyWebhook(headers, body, secrets, NOW);
    expect(result).toMatchObject({ ok: true, event: { id: 'evt-1', event: 'payment.capture' } });
  });

  it('accepts when any of several signatures matches (secret rotation)', () => {
    const { headers, body } = delivery();
    const rotated = {
      ...headers,
      'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${headers['webhook-signature']}`,
    };
    expect(verifyWebhook(rotated, body, secrets, NOW).ok).toBe(true);
  });

  it.each([
    ['a wrong callback token', { 'x-callback-token': 'nope' }, 401, 'INVALID_CALLBACK_TOKEN'],
    ['no callback token', { 'x-callback-token': undefined }, 401, 'INVALID_CALLBACK_TOKEN'],
    ['no signature', { 'webhook-signature': undefined }, 400, 'MISSING_SIGNATURE'],
    [
      'a signature by another secret',
      { 'webhook-signature': sign('evt-1', NOW / 1000, '{}', 'other') },
      401,
      'INVALID_SIGNATURE',
    ],
    ['a v2 signature', { 'webhook-signature': 'v2,abc' }, 401, 'INVALID_SIGNATURE'],
  ] as const)('refuses %s', (_, overrides, status, code) => {
    const { headers, body } = delivery(overrides);
    expect(verifyWebhook(headers, body, secrets, NOW)).toMatchObject({ ok: false, refusal: { status, code } });
  });

  it('refuses a body changed after signing', () => {
    const { headers, body } = delivery();
    const tampered = Buffer.from(body.toString().replace('payment.capture', 'payment.failure'));
    expect(verifyWebhook(headers, tampered, secrets, NOW)).toMatchObject({ refusal: { code: 'INVALID_SIGNATURE' } });
  });

  it('refuses a replay outside the timestamp window, in either direction', () => {
    const { headers, body } = delivery();
    const late = NOW + (WEBHOOK_TOLERANCE_S + 1) * 1000;
    const early = NOW - (WEBHOOK_TOLERANCE_S + 1) * 1000;
    expect(verifyWebhook(headers, body, secrets, late)).toMatchObject({ refusal: { code: 'STALE_TIMESTAMP' } });
    expect(verifyWebhook(headers, body, secrets, early)).toMatchObject({ refusal: { code: 'STALE_TIMESTAMP' } });
    expect(verifyWebhook(headers, body, secrets, NOW + WEBHOOK_TOLERANCE_S * 1000).ok).toBe(true);
  });

  it('refuses a signed body that is not an event, or whose id differs from webhook-id', () => {
    const notJson = delivery({}, 'not json');
    expect(verifyWebhook(notJson.headers, notJson.body, secrets, NOW)).toMatchObject({
      refusal: { code: 'INVALID_BODY' },
    });
    const otherId = delivery({}, JSON.stringify({ id: 'evt-2', event: 'payment.capture', data: {} }));
    expect(verifyWebhook(otherId.headers, otherId.body, secrets, NOW)).toMatchObject({
      refusal: { code: 'INVALID_BODY' },
    });
  });
});

import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_TYPES } from '../../sandbox/src/contract';
import { WEBHOOK_EVENT_TYPES, verifyWebhook, type WebhookSecrets } from './webhooks';

const SECRET = `whsec_${Buffer.from('a-test-signing-secret').toString('base64')}`;
const secrets: WebhookSecrets = { secret: SECRET, callbackToken: 'cb-token' };
const EVENT = {
  id: 'evt-1',
  event: 'payment.capture',
  api_version: 'v3',
  business_id: 'sandbox',
  created: '2026-12-02T10:00:00.000Z',
  data: { payment_session_id: 'ps-1', status: 'SUCCEEDED', request_amount: 150000 },
};

/** A delivery as the gateway sends it, signed with the official package `secondsAgo` ago. */
function delivery(options: { secondsAgo?: number; body?: string; secret?: string; id?: string } = {}) {
  const body = options.body ?? JSON.stringify(EVENT);
  const id = options.id ?? 'evt-1';
  const at = new Date(Date.now() - (options.secondsAgo ?? 0) * 1000);
  const headers: Record<string, string | string[] | undefined> = {
    'x-callback-token': 'cb-token',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret ?? SECRET).sign(id, at, body),
  };
  return { body, headers };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
};

describe('WEBHOOK_EVENT_TYPES', () => {
  it("is the contract's list of events (the types are inferred from it, this runtime copy is held to it)", () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(WEBHOOK_TYPES);
  });
});

describe('verifyWebhook', () => {
  it('returns the event of a genuine delivery, from a string, bytes or fetch Headers', () => {
    const { body, headers } = delivery();
    expect(verifyWebhook(body, headers, secrets)).toEqual(EVENT);
    expect(verifyWebhook(new TextEncoder().encode(body), headers, secrets)).toEqual(EVENT);
    const fetchHeaders = new Headers(headers as Record<string, string>);
    expect(verifyWebhook(Buffer.from(body), fetchHeaders, secrets)).toEqual(EVENT);
  });

  it('accepts header names in any case, and any of several signatures (rotation)', () => {
    const { body, headers } = delivery();
    const old = delivery({ secret: `whsec_${Buffer.from('the-previous-secret').toString('base64')}` });
    const upper = {
      'X-Callback-Token': headers['x-callback-token'],
      'Webhook-Id': headers['webhook-id'],
      'Webhook-Timestamp': headers['webhook-timestamp'],
      'Webhook-Signature': `${String(old.headers['webhook-signature'])} ${String(headers['webhook-signature'])}`,
    };
    expect(verifyWebhook(body, upper, secrets).id).toBe('evt-1');
  });

  it.each([
    ['a wrong callback token', { 'x-callback-token': 'cb-tokeN' }],
    ['a longer callback token', { 'x-callback-token': 'cb-token-and-more' }],
    ['no callback token', { 'x-callback-token': undefined }],
    ['a repeated callback token', { 'x-callback-token': ['cb-token', 'cb-token'] }],
  ])('refuses %s with INVALID_CALLBACK_TOKEN', (_, change) => {
    const { body, headers } = delivery();
    expect(refusal(() => verifyWebhook(body, { ...headers, ...change }, secrets))).toMatchObject({
      code: 'INVALID_CALLBACK_TOKEN',
    });
  });

  it.each([
    ['a signature by another secret', () => delivery({ secret: `whsec_${Buffer.from('other').toString('base64')}` })],
    ['no signature', () => ({ ...delivery(), headers: { ...delivery().headers, 'webhook-signature': undefined } })],
    ['a v2 signature', () => ({ ...delivery(), headers: { ...delivery().headers, 'webhook-signature': 'v2,abc' } })],
    ['no webhook-id', () => ({ ...delivery(), headers: { ...delivery().headers, 'webhook-id': undefined } })],
    [
      'a body changed after signing',
      () => ({ ...delivery(), body: JSON.stringify({ ...EVENT, data: { ...EVENT.data, request_amount: 1 } }) }),
    ],
    [
      'a webhook-id changed after signing',
      () => ({ ...delivery(), headers: { ...delivery().headers, 'webhook-id': 'evt-2' } }),
    ],
  ])('refuses %s with INVALID_WEBHOOK_SIGNATURE', (_, make) => {
    const { body, headers } = make();
    expect(refusal(() => verifyWebhook(body, headers, secrets))).toMatchObject({ code: 'INVALID_WEBHOOK_SIGNATURE' });
  });

  it('refuses a replay (an old timestamp) and a timestamp ahead, within toleranceSeconds', () => {
    const old = delivery({ secondsAgo: 301 });
    expect(refusal(() => verifyWebhook(old.body, old.headers, secrets))).toMatchObject({
      code: 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    });
    const ahead = delivery({ secondsAgo: -301 });
    expect(refusal(() => verifyWebhook(ahead.body, ahead.headers, secrets))).toMatchObject({
      code: 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    });
    const minute = delivery({ secondsAgo: 90 });
    expect(verifyWebhook(minute.body, minute.headers, secrets).id).toBe('evt-1');
    expect(
      refusal(() => verifyWebhook(minute.body, minute.headers, { ...secrets, toleranceSeconds: 60 })),
    ).toMatchObject({
      code: 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    });
  });

  it.each([
    ['', 'INVALID_WEBHOOK_SIGNATURE'],
    ['soon', 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE'],
    ['1e9', 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE'],
    ['-1', 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE'],
    ['1700000000.5', 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE'],
  ])('refuses the webhook-timestamp %j with %s', (timestamp, code) => {
    const { body, headers } = delivery();
    expect(refusal(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': timestamp }, secrets))).toMatchObject({
      code,
    });
  });

  it.each([
    ['not JSON', 'not json', 'evt-1'],
    ['JSON null', 'null', 'evt-1'],
    ['an id other than webhook-id', JSON.stringify({ ...EVENT, id: 'evt-2' }), 'evt-1'],
    ['an unknown event', JSON.stringify({ ...EVENT, event: 'payment.refund' }), 'evt-1'],
    ['no data', JSON.stringify({ ...EVENT, data: null }), 'evt-1'],
  ])('refuses a signed body that is %s with INVALID_WEBHOOK_BODY', (_, body, id) => {
    const signed = delivery({ body, id });
    expect(refusal(() => verifyWebhook(signed.body, signed.headers, secrets))).toMatchObject({
      code: 'INVALID_WEBHOOK_BODY',
    });
  });

  it.each([
    ['a parsed body', [EVENT, delivery().headers, secrets]],
    ['no headers', [delivery().body, null, secrets]],
    ['a secret without whsec_', [delivery().body, delivery().headers, { ...secrets, secret: 'abc' }]],
    ['a secret that is not base64', [delivery().body, delivery().headers, { ...secrets, secret: 'whsec_!!!' }]],
    ['an empty callback token', [delivery().body, delivery().headers, { ...secrets, callbackToken: '' }]],
    ['a tolerance over 300 s', [delivery().body, delivery().headers, { ...secrets, toleranceSeconds: 301 }]],
    ['a tolerance of 0', [delivery().body, delivery().headers, { ...secrets, toleranceSeconds: 0 }]],
  ])('refuses %s with INVALID_ARGUMENT', (_, args) => {
    expect(refusal(() => (verifyWebhook as (...a: unknown[]) => unknown)(...args))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

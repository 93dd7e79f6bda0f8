import { createHmac } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALLBACK_TOKEN, DEFAULT_WEBHOOK_SECRET } from './server';
import {
  api,
  clientToken,
  createSession,
  pay,
  start,
  startReceiver,
  waitUntil,
  withCard,
  type Delivery,
  type Receiver,
  type TestSandbox,
} from './test-helpers';
import { signWebhook } from './webhooks';

/** A valid Amex CVN; no webhook body may carry it. */
const SENTINEL = '7391';

let receiver: Receiver;
let sb: TestSandbox;
let quiet: TestSandbox;
/** The served OpenAPI document's schema of each webhook body, compiled. */
let schemaOf: (type: string) => ((body: unknown) => boolean) & { errors?: unknown };
beforeAll(async () => {
  receiver = await startReceiver();
  sb = await start({ webhooks: { url: receiver.url, baseDelayMs: 50, pollMs: 20 }, expirySweepMs: 50 });
  quiet = await start();
  const doc = (await api(sb, 'GET', '/openapi.json')).json;
  const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  schemaOf = (type) => {
    const schema = doc.webhooks?.[type]?.post?.requestBody?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`the served document has no webhook ${type}`);
    if (!compiled.has(type)) compiled.set(type, ajv.compile(schema));
    return compiled.get(type) as ReturnType<typeof ajv.compile>;
  };
});
afterAll(async () => {
  await sb?.stop();
  await quiet?.stop();
  await receiver?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const about = (key: string, id: string) => receiver.deliveries.filter((d) => d.event?.data?.[key] === id);
const ofType = (list: Delivery[], type: string) => list.filter((d) => d.event?.event === type);

/** Pays a session of `card` with `cvn`; answers the session and payment request ids. */
async function paid(target: TestSandbox, card: string, cvn: string): Promise<{ id: string; pr: string; url: string }> {
  const { payment_session_id: id } = await createSession(target, withCard(card));
  const { status, json } = await pay(target, { token: await clientToken(target, id), session: id, cvn });
  expect(status).toBe(200);
  return { id, pr: json.payment_request_id, url: json.action_url };
}

const challenge = (url: string, code: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code, action: 'authenticate' }).toString(),
    redirect: 'manual',
  });

/**
 * Checks one delivery: its body against the served document's schema for its type, and its
 * Standard Webhooks headers three times: with the official `standardwebhooks` package, with
 * `signWebhook`, and by hand.
 */
function expectSigned(d: Delivery): void {
  const valid = schemaOf(String(d.event?.event));
  expect(valid(d.event), JSON.stringify(valid.errors)).toBe(true);
  expect(new Webhook(DEFAULT_WEBHOOK_SECRET).verify(d.body, d.headers as Record<string, string>)).toEqual(d.event);
  expect(() => new Webhook(DEFAULT_WEBHOOK_SECRET).verify(`${d.body} `, d.headers as Record<string, string>)).toThrow();
  const id = String(d.headers['webhook-id']);
  const timestamp = String(d.headers['webhook-timestamp']);
  expect(d.method).toBe('POST');
  expect(d.headers['content-type']).toBe('application/json');
  expect(d.headers['x-callback-token']).toBe(DEFAULT_CALLBACK_TOKEN);
  expect(id).toBe(d.event.id);
  expect(timestamp).toMatch(/^\d{10}$/);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
  const signature = d.headers['webhook-signature'];
  expect(signature).toBe(signWebhook(DEFAULT_WEBHOOK_SECRET, id, Number(timestamp), d.body));
  const key = Buffer.from(DEFAULT_WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${d.body}`).digest('base64');
  expect(signature).toBe(`v1,${mac}`);
  // A signature over any other body must not match.
  const forged = createHmac('sha256', key).update(`${id}.${timestamp}.${d.body} `).digest('base64');
  expect(signature).not.toBe(`v1,${forged}`);
}

describe('webhooks', () => {
  it('posts one signed payment.capture and one payment_session.completed when 3-D Secure passes', async () => {
    const { id, pr, url } = await paid(sb, 'cpt-amex-challenge', SENTINEL);
    expect(about('payment_request_id', pr)).toHaveLength(0);
    expect((await challenge(url, '1234')).status).toBe(303);
    await waitUntil(() => about('payment_request_id', pr).length >= 2, 'capture and completed');
    await sleep(200);
    const events = about('payment_request_id', pr);
    expect(events.map((d) => d.event.event).sort()).toEqual(['payment.capture', 'payment_session.completed']);
    for (const d of events) {
      expectSigned(d);
      expect(Object.keys(d.event)).toEqual(expect.arrayContaining(['id', 'event', 'created', 'data']));
      expect(d.event.id).toMatch(/^evt-[0-9a-f-]{36}$/);
      expect(new Date(d.event.created).toISOString()).toBe(d.event.created);
      expect(d.event.data.payment_session_id).toBe(id);
    }
    const capture = ofType(events, 'payment.capture')[0]?.event;
    const uuid = pr.slice('pr-'.length);
    // The seed's envelope and payment object, `payment_details` included: what merchants keep as
    // proof of payment.
    expect(capture).toMatchObject({ api_version: 'v3', business_id: expect.any(String) });
    expect(capture.data).toMatchObject({
      type: 'PAY',
      status: 'SUCCEEDED',
      failure_code: null,
      payment_id: `py-${uuid}`,
      payment_request_id: pr,
      channel_code: 'CARDS',
      capture_method: 'AUTOMATIC',
      request_amount: 250000,
      captures: [{ capture_id: `cptr-${uuid}`, capture_amount: 250000, capture_timestamp: capture.data.updated }],
      payment_details: {
        authentication_data: { flow: 'CHALLENGE', a_res: { transStatus: 'C', threeDSServerTransID: uuid } },
        authorization_data: {
          network_response_code: '00',
          cvn_verification_result: 'M',
          authorization_code: expect.stringMatching(/^\d{6}$/),
        },
      },
    });
    expect(capture.data).toHaveProperty('customer_id');
    expect(ofType(events, 'payment_session.completed')[0]?.event.data.status).toBe('COMPLETED');
    expect(new Set(events.map((d) => d.event.id)).size).toBe(2);
    const logged = sb.webhookLog().filter((e) => events.some((d) => d.event.id === e.id));
    expect(logged.map((e) => [e.attempts, e.delivered_at !== null])).toEqual([
      [1, true],
      [1, true],
    ]);
  });

  it('posts payment.failure with the failure code when 3-D Secure fails', async () => {
    const { id, pr, url } = await paid(sb, 'cpt-amex-challenge', SENTINEL);
    expect((await challenge(url, '0000')).status).toBe(422);
    expect((await challenge(url, '0001')).status).toBe(422);
    // Nothing is decided, so nothing is posted, until the last wrong code.
    await sleep(100);
    expect(about('payment_request_id', pr)).toHaveLength(0);
    expect((await challenge(url, '0002')).status).toBe(303);
    await waitUntil(() => about('payment_request_id', pr).length >= 1, 'payment.failure');
    await sleep(150);
    const events = about('payment_request_id', pr);
    expect(events.map((d) => d.event.event)).toEqual(['payment.failure']);
    expectSigned(events[0] as Delivery);
    expect(events[0]?.event.data).toMatchObject({
      payment_request_id: pr,
      payment_session_id: id,
      status: 'FAILED',
      failure_code: 'AUTHENTICATION_FAILED',
    });
    // Authentication failed, so the issuer was never asked: no authorization data, no capture.
    expect(events[0]?.event.data).toMatchObject({
      captures: [],
      payment_details: { authentication_data: { flow: 'CHALLENGE' }, authorization_data: null },
    });
    // The session stays ACTIVE: no session event.
    expect(ofType(about('payment_session_id', id), 'payment_session.completed')).toHaveLength(0);
  });

  it("says how a frictionless payment and a declined one went, in the seed's payment_details", async () => {
    const { pr: captured } = await paid(sb, 'cpt-visa-frictionless', '123');
    const { payment_session_id: id } = await createSession(sb, withCard('cpt-visa-decline'));
    const refused = await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' });
    expect(refused.json.error_code).toBe('CARD_DECLINED');
    const declined: string = refused.json.payment_request_id;
    expect(declined).toMatch(/^pr-/);
    await waitUntil(() => about('payment_request_id', captured).length >= 2, 'capture and completed');
    await waitUntil(() => about('payment_request_id', declined).length >= 1, 'failure');
    const capture = ofType(about('payment_request_id', captured), 'payment.capture')[0] as Delivery;
    expectSigned(capture);
    expect(capture.event.data.payment_details).toEqual({
      authentication_data: {
        flow: 'FRICTIONLESS',
        a_res: expect.objectContaining({ transStatus: 'Y', eci: '05', messageVersion: '2.2.0' }),
      },
      authorization_data: expect.objectContaining({ network_response_code: '00', cvn_verification_result: 'M' }),
    });
    const failure = about('payment_request_id', declined);
    expect(failure.map((d) => d.event.event)).toEqual(['payment.failure']);
    expectSigned(failure[0] as Delivery);
    expect(failure[0]?.event.data).toMatchObject({
      status: 'FAILED',
      failure_code: 'CARD_DECLINED',
      payment_session_id: id,
      captures: [],
      payment_details: {
        authentication_data: { flow: 'FRICTIONLESS' },
        // The issuer saw a matching CVN and declined anyway.
        authorization_data: { network_response_code: '05', authorization_code: null, cvn_verification_result: 'M' },
      },
    });
  });

  it('sweeps an untouched session past expires_at: payment_session.expired, exactly once', async () => {
    const expiresAt = new Date(Date.now() + 1000).toISOString();
    const { payment_session_id: id } = await createSession(sb, { expires_at: expiresAt });
    await waitUntil(() => about('payment_session_id', id).length >= 1, 'payment_session.expired', 4000);
    const first = about('payment_session_id', id)[0] as Delivery;
    // Not before its time, and not because anything asked about the session.
    expect(first.at).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    // Several sweeps later, still exactly one.
    await sleep(400);
    const events = about('payment_session_id', id);
    expect(events).toHaveLength(1);
    expectSigned(first);
    expect(first.event).toMatchObject({
      event: 'payment_session.expired',
      data: { status: 'EXPIRED', expires_at: expiresAt },
    });
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.status).toBe('EXPIRED');
    await sleep(150);
    expect(about('payment_session_id', id)).toHaveLength(1);
  });

  it('retries a refused delivery with backoff under the same webhook-id until acknowledged', async () => {
    const { payment_session_id: id } = await createSession(sb, withCard('cpt-visa-frictionless'));
    const seen = new Map<string, number>();
    receiver.respond = (d) => {
      if (d.event?.data?.payment_session_id !== id) return 200;
      const n = (seen.get(d.event.id) ?? 0) + 1;
      seen.set(d.event.id, n);
      return n <= 2 ? 500 : 200;
    };
    const { status, json } = await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' });
    expect(status).toBe(200);
    const pr: string = json.payment_request_id;
    await waitUntil(() => about('payment_request_id', pr).filter((d) => d.answered === 200).length >= 2, 'retries');
    await sleep(200);
    receiver.respond = () => 200;
    const deliveries = about('payment_request_id', pr);
    expect(deliveries).toHaveLength(6);
    const ids = [...new Set(deliveries.map((d) => String(d.headers['webhook-id'])))];
    expect(ids).toHaveLength(2);
    for (const eventId of ids) {
      const tries = deliveries.filter((d) => d.headers['webhook-id'] === eventId);
      expect(tries.map((d) => d.answered)).toEqual([500, 500, 200]);
      expect(new Set(tries.map((d) => d.body)).size).toBe(1);
      tries.forEach(expectSigned);
      // Backoff: 50 ms, then 100 ms.
      expect((tries[1] as Delivery).at - (tries[0] as Delivery).at).toBeGreaterThanOrEqual(45);
      expect((tries[2] as Delivery).at - (tries[1] as Delivery).at).toBeGreaterThanOrEqual(95);
      const entry = sb.webhookLog().find((e) => e.id === eventId);
      expect(entry).toMatchObject({ attempts: 3, last_error: 'HTTP 500' });
      expect(entry?.delivered_at).toEqual(expect.any(Number));
    }
  });

  it('keeps events in the outbox, undelivered, when no webhook URL is configured', async () => {
    const { pr } = await paid(quiet, 'cpt-visa-frictionless', '123');
    await sleep(300);
    const log = quiet.webhookLog();
    // Both written in one transaction, in the same millisecond: their order is not defined.
    expect(log.map((e) => e.type).sort()).toEqual(['payment.capture', 'payment_session.completed']);
    for (const entry of log) {
      expect(entry).toMatchObject({ attempts: 0, delivered_at: null, last_error: null });
      expect(JSON.parse(entry.body).data.payment_request_id).toBe(pr);
    }
    expect(about('payment_request_id', pr)).toHaveLength(0);
  });

  it('never puts the CVN in a webhook body', () => {
    const bodies = [...receiver.deliveries.map((d) => d.body), ...sb.webhookLog().map((e) => e.body)];
    expect(bodies.length).toBeGreaterThanOrEqual(10);
    for (const body of bodies) {
      // UUIDs are random hex: digits in one could spell the sentinel by chance.
      // The simulated network references are digits derived from the request id, for the same reason.
      const cleaned = body
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
        .replace(/"(authorization_code|network_transaction_id|retrieval_reference_number)":"\d+"/g, '"$1":"<digits>"')
        // The seed's one-letter verification result names the CVN, and is all of it that leaves.
        .replace(/"cvn_verification_result":"[MNPU]"/g, '"<verification>"');
      expect(cleaned).not.toContain(SENTINEL);
      expect(cleaned).not.toMatch(/cvn/i);
    }
  });
});

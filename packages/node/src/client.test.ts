import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../sandbox/src/contract';
import { DEFAULT_SECRET_KEY } from '../../sandbox/src/server';
import {
  clientToken,
  pay,
  sessionBody,
  start,
  startReceiver,
  waitUntil,
  withCard,
  type Receiver,
  type TestSandbox,
} from '../../sandbox/src/test-helpers';
import { DEFAULT_CALLBACK_TOKEN, DEFAULT_WEBHOOK_SECRET } from '../../sandbox/src/server';
import { createCardsSession, type CardsSession, type CreateSessionBody } from './client';
import { CardsSessionError, GATEWAY_ERROR_CODES } from './errors';

let sb: TestSandbox;
let receiver: Receiver;
let cs: CardsSession;
const body = (overrides: Record<string, unknown> = {}) => sessionBody(overrides) as CreateSessionBody;

beforeAll(async () => {
  receiver = await startReceiver();
  sb = await start({ webhooks: { url: receiver.url, baseDelayMs: 50, pollMs: 20 } });
  cs = createCardsSession({ gateway: sb.origin, secretKey: DEFAULT_SECRET_KEY });
});
afterAll(async () => {
  await sb?.stop();
  await receiver?.close();
});

/** A session of `card`, paid with a right CVN through the frame's call: its ids and result token. */
async function paid(card = 'cpt-visa-frictionless') {
  const session = await cs.createSession(body({ ...withCard(card), reference_id: `order-${card}` }));
  const id = session.payment_session_id;
  const { status, json } = await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' });
  expect(status).toBe(200);
  return { session, token: json.result_token as string, pr: json.payment_request_id as string };
}

describe('against a real sandbox', () => {
  it('creates, reads and cancels a session (the contract types fit the answers)', async () => {
    const created = await cs.createSession(body());
    expect(created).toMatchObject({ status: 'ACTIVE', reference_id: 'order-1', currency: 'IDR' });
    expect(await cs.getSession(created.payment_session_id)).toEqual(created);
    const canceled = await cs.cancelSession(created.payment_session_id);
    expect(canceled.status).toBe('CANCELED');
  });

  it("verifies a paid session's result token against the gateway's keys", async () => {
    const { session, token, pr } = await paid();
    const claims = await cs.verifyResultToken(token, {
      paymentSessionId: session.payment_session_id,
      referenceId: session.reference_id,
    });
    expect(claims).toMatchObject({
      payment_request_id: pr,
      payment_session_id: session.payment_session_id,
      reference_id: 'order-cpt-visa-frictionless',
      status: 'SUCCEEDED',
      amount: 250000,
      currency: 'IDR',
      aud: 'cards-session:merchant',
      iss: sb.origin,
    });
  });

  it('refuses a genuine token for another session or another reference with RESULT_TOKEN_MISMATCH', async () => {
    const { session, token } = await paid();
    const other = await cs.createSession(body());
    await expect(cs.verifyResultToken(token, { paymentSessionId: other.payment_session_id })).rejects.toMatchObject({
      code: 'RESULT_TOKEN_MISMATCH',
    });
    await expect(
      cs.verifyResultToken(token, { paymentSessionId: session.payment_session_id, referenceId: 'order-other' }),
    ).rejects.toMatchObject({ code: 'RESULT_TOKEN_MISMATCH' });
  });

  it('refuses a genuine token from another gateway origin (issuer pinned)', async () => {
    const { session, token } = await paid();
    const elsewhere = createCardsSession({
      gateway: sb.origin.replace('localhost', '127.0.0.1'),
      secretKey: DEFAULT_SECRET_KEY,
    });
    await expect(
      elsewhere.verifyResultToken(token, { paymentSessionId: session.payment_session_id }),
    ).rejects.toMatchObject({ code: 'INVALID_RESULT_TOKEN', message: expect.stringContaining('"iss"') });
  });

  it('verifies the webhooks the sandbox posts, typed by event', async () => {
    const { session } = await paid();
    const about = () =>
      receiver.deliveries.filter((d) => d.event?.data?.payment_session_id === session.payment_session_id);
    await waitUntil(() => about().some((d) => d.event.event === 'payment.capture'), 'the capture webhook');
    const delivery = about().find((d) => d.event.event === 'payment.capture');
    const event = cs.verifyWebhook(delivery?.body ?? '', delivery?.headers ?? {}, {
      secret: DEFAULT_WEBHOOK_SECRET,
      callbackToken: DEFAULT_CALLBACK_TOKEN,
    });
    if (event.event !== 'payment.capture') throw new Error(`expected payment.capture, received ${event.event}`);
    expect(event.data.status).toBe('SUCCEEDED');
    expect(event.data.request_amount).toBe(250000);
    expect(event.id).toBe(delivery?.headers['webhook-id']);
  });

  it.each([
    [
      'INVALID_API_KEY',
      401,
      () => createCardsSession({ gateway: sb.origin, secretKey: 'sk_wrong' }).getSession('ps-1'),
    ],
    ['DATA_NOT_FOUND', 404, () => cs.getSession('ps-does-not-exist')],
  ] as const)('passes the gateway error %s through with its status', async (code, status, call) => {
    const err = await call().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardsSessionError);
    expect(err).toMatchObject({ code, status });
  });

  it('passes API_VALIDATION_ERROR through with every problem', async () => {
    const err = await cs.createSession(body({ currency: 'idr', amount: -1 })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'API_VALIDATION_ERROR', status: 400 });
    const paths = (err as CardsSessionError).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'amount']));
  });

  it('answers SESSION_NOT_ACTIVE for a second cancel', async () => {
    const { payment_session_id: id } = await cs.createSession(body());
    await cs.cancelSession(id);
    await expect(cs.cancelSession(id)).rejects.toMatchObject({ code: 'SESSION_NOT_ACTIVE', status: 409 });
  });

  it('encodes a hostile id as one path segment', async () => {
    await expect(cs.getSession('../test_cards')).rejects.toMatchObject({ code: 'DATA_NOT_FOUND' });
  });
});

describe('errors without a gateway answer', () => {
  it('says NETWORK_ERROR when nothing listens, for calls and for the keys', async () => {
    const down = createCardsSession({ gateway: 'http://127.0.0.1:9', secretKey: 'sk' });
    await expect(down.getSession('ps-1')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    const { session, token } = await paid();
    await expect(down.verifyResultToken(token, { paymentSessionId: session.payment_session_id })).rejects.toMatchObject(
      { code: 'NETWORK_ERROR' },
    );
  });

  it('says NETWORK_ERROR when the gateway is slower than timeoutMs', async () => {
    const slow = createCardsSession({
      gateway: 'https://gateway.example',
      secretKey: 'sk',
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    await expect(slow.getSession('ps-1')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it.each([
    ['a proxy error page', new Response('<h1>Bad gateway</h1>', { status: 502 })],
    ['an unknown error code', Response.json({ error_code: 'SOMETHING_NEW', message: 'x' }, { status: 400 })],
    ['a success without a session', Response.json({ ok: true })],
    ['a success that is no JSON', new Response('ok')],
  ])('says GATEWAY_ERROR for %s', async (_, answer) => {
    const odd = createCardsSession({ gateway: 'https://gateway.example', secretKey: 'sk', fetch: async () => answer });
    await expect(odd.getSession('ps-1')).rejects.toMatchObject({ code: 'GATEWAY_ERROR' });
  });

  it('never puts the secret key in an error', async () => {
    const down = createCardsSession({ gateway: 'http://127.0.0.1:9', secretKey: 'sk_live_very_secret' });
    const err = (await down.getSession('ps-1').catch((e: unknown) => e)) as Error;
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain('sk_live_very_secret');
  });
});

describe('createCardsSession options', () => {
  it.each([
    ['a gateway with a path', { gateway: 'https://gateway.example/v1', secretKey: 'sk' }, 'gateway'],
    ['a gateway with a trailing slash', { gateway: 'https://gateway.example/', secretKey: 'sk' }, 'gateway'],
    ['a non-http gateway', { gateway: 'ftp://gateway.example', secretKey: 'sk' }, 'gateway'],
    ['no gateway', { secretKey: 'sk' }, 'received undefined'],
    ['an empty secret key', { gateway: 'https://gateway.example', secretKey: '' }, 'secretKey'],
    ['a zero timeout', { gateway: 'https://gateway.example', secretKey: 'sk', timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses %s with INVALID_ARGUMENT', (_, options, mentions) => {
    expect(() => createCardsSession(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(mentions) }),
    );
  });

  it('refuses a bad id or body before calling the gateway', async () => {
    const calls: string[] = [];
    const spy = createCardsSession({
      gateway: 'https://gateway.example',
      secretKey: 'sk',
      fetch: async (url) => (calls.push(String(url)), Response.json({})),
    });
    await expect(spy.getSession('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(spy.cancelSession(42 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(spy.createSession([] as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(calls).toEqual([]);
  });
});

describe('GATEWAY_ERROR_CODES', () => {
  it('is every error code the contract documents for the calls this package makes', () => {
    const documented = new Set(
      OPERATIONS.filter((op) => ['createSession', 'getSession', 'cancelSession'].includes(op.operationId)).flatMap(
        (op) => Object.values(op.responses).flatMap((answer) => answer.codes ?? []),
      ),
    );
    expect([...documented].filter((code) => !(GATEWAY_ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});

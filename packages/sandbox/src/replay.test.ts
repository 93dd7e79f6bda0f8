import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  clientToken,
  createSession,
  idemKey,
  loadFrame,
  pay,
  start,
  waitUntil,
  withCard,
  type TestSandbox,
} from './test-helpers';

const MAX_CVN_ATTEMPTS = 3;
const MAX_PAYMENT_REQUESTS = 2;

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start({ maxCvnAttempts: MAX_CVN_ATTEMPTS, maxPaymentRequests: MAX_PAYMENT_REQUESTS });
});
afterAll(() => sb.stop());

/** A fresh session on `card` and one attempt for it: the frame's first client token and a new key. */
async function attempt(card: string, overrides: Record<string, unknown> = {}) {
  const { payment_session_id: session } = await createSession(sb, { ...withCard(card), ...overrides });
  return { session, token: await clientToken(sb, session), key: idemKey() };
}

/** Everything a replay must leave as it was: the session's payment requests and the whole outbox. */
const effects = (session: string) => JSON.stringify({ prs: sb.paymentRequests(session), outbox: sb.webhookLog() });
const eventsOf = (session: string, type: string) =>
  sb.webhookLog().filter((e) => e.type === type && JSON.parse(e.body).data.payment_session_id === session);

type Answer = Awaited<ReturnType<typeof pay>>;

/** The same attempt again (same key, same token): the first answer, replayed byte for byte. */
async function expectReplay(first: Answer, args: { session: string; token: string; key: string; cvn: unknown }) {
  const again = await pay(sb, args);
  expect(again.status).toBe(first.status);
  expect(again.text).toBe(first.text);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return again;
}

describe('a lost answer, retried with the same Idempotency-Key and client token', () => {
  it.each([
    // outcome, card, cvn, status, error code, payment requests, captures, failures
    ['challenge', 'cpt-visa-challenge', '123', 200, undefined, 1, 0, 0],
    ['frictionless', 'cpt-visa-frictionless', '123', 200, undefined, 1, 1, 0],
    ['decline', 'cpt-visa-decline', '123', 402, 'CARD_DECLINED', 1, 0, 1],
    ['cvn_mismatch', 'cpt-visa-cvn-mismatch', '123', 400, 'INVALID_CVN', 0, 0, 0],
    ['malformed CVN', 'cpt-visa-challenge', '12a', 400, 'API_VALIDATION_ERROR', 0, 0, 0],
  ] as const)(
    '%s: the stored answer byte for byte, and no new effect',
    async (_, card, cvn, status, code, prs, captures, failures) => {
      const a = await attempt(card);
      const first = await pay(sb, { ...a, cvn });
      expect(first.status).toBe(status);
      expect(first.json.error_code).toBe(code);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const before = effects(a.session);
      for (let i = 0; i < 3; i++) await expectReplay(first, { ...a, cvn });
      expect(effects(a.session)).toBe(before);
      expect(sb.paymentRequests(a.session)).toHaveLength(prs);
      expect(eventsOf(a.session, 'payment.capture')).toHaveLength(captures);
      expect(eventsOf(a.session, 'payment.failure')).toHaveLength(failures);
      if (prs) expect(sb.paymentRequests(a.session)[0]?.payment_request_id).toBe(first.json.payment_request_id);
    },
  );

  it('replays the answer of a call whose connection was dropped before the answer was read', async () => {
    const a = await attempt('cpt-visa-frictionless');
    const body = JSON.stringify({ payment_session_id: a.session, cvn: '123' });
    // The gateway decides and answers; the client hangs up without reading a byte of the body.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${sb.origin}/v1/payment_with_session`, {
        method: 'POST',
        headers: {
          Origin: sb.origin,
          'Content-Type': 'application/json',
          Authorization: `Bearer ${a.token}`,
          'Idempotency-Key': a.key,
        },
      });
      req.on('response', (res) => {
        res.destroy();
        resolve();
      });
      req.on('error', reject);
      req.end(body);
    });
    const [pr] = sb.paymentRequests(a.session);
    expect(pr?.status).toBe('SUCCEEDED');
    const retry = await pay(sb, { ...a, cvn: '123' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.payment_request_id).toBe(pr?.payment_request_id);
    const validated = await api(sb, 'POST', '/v1/tokens/validate', { token: retry.json.result_token });
    expect(validated.json).toMatchObject({ valid: true, claims: { payment_request_id: pr?.payment_request_id } });
    await expectReplay(retry, { ...a, cvn: '123' });
    expect(sb.paymentRequests(a.session)).toHaveLength(1);
    expect(eventsOf(a.session, 'payment.capture')).toHaveLength(1);
  });

  it('counts no CVN attempt when replaying a refused one', async () => {
    const a = await attempt('cpt-visa-cvn-mismatch');
    const first = await pay(sb, { ...a, cvn: '123' });
    expect(first.status).toBe(400);
    for (let i = 0; i < MAX_CVN_ATTEMPTS + 2; i++) await expectReplay(first, { ...a, cvn: '123' });
    // Had the replays counted, the session would be locked already.
    const second = await pay(sb, { session: a.session, token: first.json.client_token, cvn: '123' });
    expect(second.json.error_code).toBe('INVALID_CVN');
    const third = await pay(sb, { session: a.session, token: second.json.client_token, cvn: '123' });
    expect(third.json.error_code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('answers parallel retries of one attempt identically, deciding it once', async () => {
    const a = await attempt('cpt-visa-frictionless');
    const answers = await Promise.all(Array.from({ length: 5 }, () => pay(sb, { ...a, cvn: '123' })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((r) => r.text)).size).toBe(1);
    const replayed = answers.map((r) => r.headers.get('idempotent-replayed'));
    expect(replayed.filter((h) => h === null)).toHaveLength(1);
    expect(replayed.filter((h) => h === 'true')).toHaveLength(4);
    expect(sb.paymentRequests(a.session)).toHaveLength(1);
    expect(eventsOf(a.session, 'payment.capture')).toHaveLength(1);
    expect(eventsOf(a.session, 'payment_session.completed')).toHaveLength(1);
  });
});

describe('the replay holds whatever the session became', () => {
  it('COMPLETED: the 3-D Secure challenge passed since', async () => {
    const a = await attempt('cpt-visa-challenge');
    const first = await pay(sb, { ...a, cvn: '123' });
    const passed = await fetch(first.json.action_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'code=1234&action=authenticate',
      redirect: 'manual',
    });
    expect(passed.status).toBe(303);
    expect((await api(sb, 'GET', `/v1/sessions/${a.session}`)).json.status).toBe('COMPLETED');
    const before = effects(a.session);
    await expectReplay(first, { ...a, cvn: '123' });
    expect(effects(a.session)).toBe(before);
    // A new attempt is refused: the replay is not a way back in.
    const next = await pay(sb, { session: a.session, token: first.json.client_token, cvn: '123' });
    expect(next.json.error_code).toBe('SESSION_NOT_ACTIVE');
  });

  it('locked by CVN attempts', async () => {
    const a = await attempt('cpt-visa-cvn-mismatch');
    const first = await pay(sb, { ...a, cvn: '123' });
    let token: string = first.json.client_token;
    for (let i = 2; i < MAX_CVN_ATTEMPTS; i++) {
      token = (await pay(sb, { session: a.session, token, cvn: '456' })).json.client_token;
    }
    const last = { session: a.session, token, key: idemKey(), cvn: '789' };
    const locked = await pay(sb, last);
    expect(locked.json.error_code).toBe('TOO_MANY_ATTEMPTS');
    expect((await loadFrame(sb, a.session)).res.status).toBe(429);
    await expectReplay(first, { ...a, cvn: '123' });
    // The attempt that locked the session is replayed too, and locks nothing further.
    await expectReplay(locked, last);
  });

  it('out of payment requests', async () => {
    const a = await attempt('cpt-visa-decline');
    const first = await pay(sb, { ...a, cvn: '123' });
    let token: string = first.json.client_token;
    for (let i = 1; i < MAX_PAYMENT_REQUESTS; i++) {
      token = (await pay(sb, { session: a.session, token, cvn: '123' })).json.client_token;
    }
    const refused = await pay(sb, { session: a.session, token, cvn: '123' });
    expect(refused.json.error_code).toBe('TOO_MANY_PAYMENT_REQUESTS');
    const before = effects(a.session);
    await expectReplay(first, { ...a, cvn: '123' });
    expect(effects(a.session)).toBe(before);
  });

  it('CANCELED by the merchant', async () => {
    const a = await attempt('cpt-visa-challenge');
    const first = await pay(sb, { ...a, cvn: '123' });
    expect((await api(sb, 'POST', `/v1/sessions/${a.session}/cancel`)).status).toBe(200);
    await expectReplay(first, { ...a, cvn: '123' });
    const next = await pay(sb, { session: a.session, token: first.json.client_token, cvn: '123' });
    expect(next.json.error_code).toBe('SESSION_NOT_ACTIVE');
  });

  it('EXPIRED, its client tokens with it', { timeout: 10_000 }, async () => {
    const a = await attempt('cpt-visa-challenge', { expires_at: new Date(Date.now() + 1500).toISOString() });
    const first = await pay(sb, { ...a, cvn: '123' });
    expect(first.status).toBe(200);
    await waitUntil(
      async () => (await api(sb, 'GET', `/v1/sessions/${a.session}`)).json.status === 'EXPIRED',
      'the session to expire',
    );
    // The token's `exp` is the session's expiry at the latest: it has expired too.
    await expectReplay(first, { ...a, cvn: '123' });
    const next = await pay(sb, { session: a.session, token: first.json.client_token, cvn: '123' });
    expect(next.status).toBe(401);
    expect(next.json).toMatchObject({ error_code: 'INVALID_CLIENT_TOKEN', message: 'Client token has expired' });
    // An expired token unlocks only a stored answer: under a new key it is refused.
    const other = await pay(sb, { ...a, key: idemKey(), cvn: '123' });
    expect(other.status).toBe(401);
  });
});

describe('one key, one client token', () => {
  it('answers 409 IDEMPOTENCY_CONFLICT for the same key with another token, which stays unspent', async () => {
    const a = await attempt('cpt-visa-challenge');
    const first = await pay(sb, { ...a, cvn: '123' });
    expect(first.status).toBe(200);
    const other = await clientToken(sb, a.session);
    const conflict = await pay(sb, { ...a, token: other, cvn: '123' });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error_code).toBe('IDEMPOTENCY_CONFLICT');
    expect(conflict.headers.get('idempotent-replayed')).toBeNull();
    expect(sb.paymentRequests(a.session)).toHaveLength(1);
    expect((await pay(sb, { session: a.session, token: other, cvn: '123' })).status).toBe(200);
  });

  it('lets one of two parallel calls with one key and two tokens through; the other conflicts', async () => {
    const { payment_session_id: session } = await createSession(sb, withCard('cpt-visa-frictionless'));
    const [t1 = '', t2 = ''] = await Promise.all([clientToken(sb, session), clientToken(sb, session)]);
    const key = idemKey();
    const answers = await Promise.all([t1, t2].map((token) => pay(sb, { session, token, key, cvn: '123' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)?.json.error_code).toBe('IDEMPOTENCY_CONFLICT');
    expect(sb.paymentRequests(session)).toHaveLength(1);
    expect(eventsOf(session, 'payment.capture')).toHaveLength(1);
  });

  it('refuses a spent token under a new key: a new key is a new attempt', async () => {
    const a = await attempt('cpt-visa-challenge');
    expect((await pay(sb, { ...a, cvn: '123' })).status).toBe(200);
    const again = await pay(sb, { ...a, key: idemKey(), cvn: '123' });
    expect(again.status).toBe(401);
    expect(again.json.message).toBe('Client token was already used');
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientToken, createSession, pay, start, withCard, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

const PASS = 'code=1234&action=authenticate';
const answer = (url: string, body = PASS) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });

/** The outbox event types about one session, sorted. */
const eventsOf = (session: string) =>
  sb
    .webhookLog()
    .filter((e) => JSON.parse(e.body).data.payment_session_id === session)
    .map((e) => e.type)
    .sort();

/** A challenge payment request on `session`, paid with the given (or a fresh) client token. */
async function challenge(session: string, token?: string): Promise<{ pr: string; url: string; next: string }> {
  const { status, json } = await pay(sb, { token: token ?? (await clientToken(sb, session)), session, cvn: '123' });
  expect(status).toBe(200);
  return { pr: json.payment_request_id, url: json.action_url, next: json.client_token };
}

describe('a session is paid at most once', () => {
  it('decides a challenge once when a slow answer races a fast one', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const { url } = await challenge(id);
    const target = new URL(url);
    // Headers now, body 200 ms later: the gateway has already looked the payment request up.
    const slow = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: sb.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': PASS.length },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => req.end(PASS), 200);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fast = (await answer(url)).status;
    // Whichever is decided first wins; the other one finds the challenge over.
    expect([fast, await slow].sort()).toEqual([303, 409]);
    expect(eventsOf(id)).toEqual(['payment.capture', 'payment_session.completed']);
  });

  it('fails a second challenge once another payment request completed the session', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const first = await challenge(id);
    const second = await challenge(id, first.next);
    expect((await answer(first.url)).status).toBe(303);
    const late = await answer(second.url);
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe('https://shop.example/failure');
    expect((await api(sb, 'GET', `/v1/payment_requests/${second.pr}`)).json).toMatchObject({
      status: 'FAILED',
      failure_code: 'SESSION_NOT_ACTIVE',
    });
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json).toMatchObject({
      status: 'COMPLETED',
      payment_request_id: first.pr,
    });
    expect(eventsOf(id)).toEqual(['payment.capture', 'payment.failure', 'payment_session.completed']);
  });

  it('captures nothing on a session the merchant canceled during the challenge', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const { pr, url } = await challenge(id);
    expect((await api(sb, 'POST', `/v1/sessions/${id}/cancel`)).status).toBe(200);
    const res = await answer(url, `${PASS}&mode=modal&origin=${encodeURIComponent('http://127.0.0.1:4300')}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`"payment_request_id":"${pr}","status":"FAILED"`);
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.failure_code).toBe('SESSION_NOT_ACTIVE');
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.status).toBe('CANCELED');
    expect(eventsOf(id)).toEqual(['payment.failure']);
  });

  it('captures nothing on a session that expired during the challenge', { timeout: 10_000 }, async () => {
    // Far enough ahead for the payment to be made first, even on a loaded machine.
    const expires = new Date(Date.now() + 2000).toISOString();
    const { payment_session_id: id } = await createSession(sb, { expires_at: expires });
    const { pr, url } = await challenge(id);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expires) - Date.now() + 50));
    const res = await answer(url);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example/failure');
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.failure_code).toBe('SESSION_EXPIRED');
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.status).toBe('EXPIRED');
    expect(eventsOf(id)).toEqual(['payment.failure', 'payment_session.expired']);
  });

  it('completes a frictionless session once when two frames submit in parallel', async () => {
    const { payment_session_id: id } = await createSession(sb, withCard('cpt-visa-frictionless'));
    const tokens = await Promise.all([clientToken(sb, id), clientToken(sb, id)]);
    const results = await Promise.all(tokens.map((token) => pay(sb, { token, session: id, cvn: '123' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.json.error_code).toBe('SESSION_NOT_ACTIVE');
    const winner = results.find((r) => r.status === 200)?.json.payment_request_id;
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.payment_request_id).toBe(winner);
    expect(eventsOf(id)).toEqual(['payment.capture', 'payment_session.completed']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, createSession, loadFrame, pay, start, withCard, type TestSandbox } from './test-helpers';

const MAX = 2;
let sb: TestSandbox;
let defaults: TestSandbox;
beforeAll(async () => {
  sb = await start({ maxPaymentRequests: MAX });
  defaults = await start();
});
afterAll(async () => {
  await sb.stop();
  await defaults.stop();
});

const TOO_MANY = {
  error_code: 'TOO_MANY_PAYMENT_REQUESTS',
  message: `This session has had ${MAX} payment requests, the most it allows: start again with a new session`,
};

/** Declines `n` times on a fresh decline-card session; answers the session and the last next token. */
async function declined(target: TestSandbox, n: number): Promise<{ id: string; token: string }> {
  const { payment_session_id: id } = await createSession(target, withCard('cpt-visa-decline'));
  let token = await clientToken(target, id);
  for (let i = 0; i < n; i++) {
    const answer = await pay(target, { token, session: id, cvn: '123' });
    expect(answer.status).toBe(402);
    token = answer.json.client_token;
  }
  return { id, token };
}

const failChallenge = (url: string, action: 'authenticate' | 'cancel') =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code: '0000', action }).toString(),
    redirect: 'manual',
  });

describe('payment requests per session', () => {
  it('answers 429 TOO_MANY_PAYMENT_REQUESTS to the submit that would exceed the cap, creating nothing', async () => {
    const { id, token } = await declined(sb, MAX);
    const outbox = JSON.stringify(sb.webhookLog());
    const refused = await pay(sb, { token, session: id, cvn: '123' });
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual(TOO_MANY);
    expect(sb.paymentRequests(id)).toHaveLength(MAX);
    expect(JSON.stringify(sb.webhookLog())).toBe(outbox);
    // The frame is refused with the same code, and no client token.
    const frame = await loadFrame(sb, id);
    expect(frame.res.status).toBe(429);
    expect(frame.config.error).toEqual({ code: TOO_MANY.error_code, message: TOO_MANY.message });
    expect(frame.config).not.toHaveProperty('client_token');
  });

  it('counts failed and canceled 3-D Secure challenges: each was a payment request', async () => {
    const { payment_session_id: id } = await createSession(sb);
    let token = await clientToken(sb, id);
    for (const action of ['authenticate', 'cancel'] as const) {
      const answer = await pay(sb, { token, session: id, cvn: '123' });
      expect(answer.status).toBe(200);
      token = answer.json.client_token;
      // Three wrong codes at the default cap, or one cancel: the request fails either way.
      for (let i = 0; i < (action === 'cancel' ? 1 : 3); i++) await failChallenge(answer.json.action_url, action);
      expect(sb.paymentRequests(id).at(-1)?.status).toBe('FAILED');
    }
    expect((await pay(sb, { token, session: id, cvn: '123' })).json).toEqual(TOO_MANY);
  });

  it('still answers submits that create no payment request: a malformed CVN is a validation error', async () => {
    const { id, token } = await declined(sb, MAX);
    const malformed = await pay(sb, { token, session: id, cvn: '12' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error_code).toBe('API_VALIDATION_ERROR');
    const next = await pay(sb, { token: malformed.json.client_token, session: id, cvn: '123' });
    expect(next.json.error_code).toBe('TOO_MANY_PAYMENT_REQUESTS');
  });

  it('never exceeds the cap under parallel submits', async () => {
    const { payment_session_id: id } = await createSession(sb, withCard('cpt-visa-decline'));
    const tokens = await Promise.all(Array.from({ length: 8 }, () => clientToken(sb, id)));
    const answers = await Promise.all(tokens.map((token) => pay(sb, { token, session: id, cvn: '123' })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 402)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8 - MAX);
    expect(sb.paymentRequests(id)).toHaveLength(MAX);
    const failures = sb.webhookLog().filter((e) => JSON.parse(e.body).data.payment_session_id === id);
    expect(failures).toHaveLength(MAX);
  });

  it('allows 5 by default', async () => {
    const { id, token } = await declined(defaults, 5);
    const refused = await pay(defaults, { token, session: id, cvn: '123' });
    expect(refused.status).toBe(429);
    expect(refused.json.error_code).toBe('TOO_MANY_PAYMENT_REQUESTS');
  });
});

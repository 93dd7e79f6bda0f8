import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from './test-cards';
import { api, clientToken, createSession, idemKey, pay, start, withCard, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

/** A fresh session on `card` and the frame's first client token for it. */
async function ready(card: string): Promise<{ id: string; token: string }> {
  expect(TEST_CARDS).toHaveProperty([card]);
  const { payment_session_id: id } = await createSession(sb, withCard(card));
  return { id, token: await clientToken(sb, id) };
}

describe('test card outcomes', () => {
  it('cpt-visa-frictionless: succeeds at submit, action_url goes straight to success', async () => {
    const { id, token } = await ready('cpt-visa-frictionless');
    const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
    expect(status).toBe(200);
    expect(json.message).toBe('Payment succeeded without a challenge');
    const pr: string = json.payment_request_id;
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json).toMatchObject({
      status: 'SUCCEEDED',
      failure_code: null,
    });
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json).toMatchObject({
      status: 'COMPLETED',
      payment_request_id: pr,
    });
    const page = await fetch(json.action_url, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('http://127.0.0.1:4300/success');
    const validated = await api(sb, 'POST', '/v1/tokens/validate', { token: json.result_token });
    expect(validated.status).toBe(200);
    expect(validated.json).toMatchObject({
      valid: true,
      claims: { payment_request_id: pr, payment_session_id: id, status: 'SUCCEEDED', amount: 250000, currency: 'IDR' },
    });
  });

  it('cpt-visa-decline: 402 CARD_DECLINED, a next client token, a FAILED payment request', async () => {
    const { id, token } = await ready('cpt-visa-decline');
    const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
    expect(status).toBe(402);
    expect(json).toMatchObject({ error_code: 'CARD_DECLINED', message: 'The card was declined by its issuer' });
    expect(json.client_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(json.client_token).not.toBe(token);
    expect(json.payment_request_id).toMatch(/^pr-[0-9a-f-]{36}$/);
    const pr = await api(sb, 'GET', `/v1/payment_requests/${json.payment_request_id}`);
    expect(pr.status).toBe(200);
    expect(pr.json).toMatchObject({ status: 'FAILED', failure_code: 'CARD_DECLINED', payment_session_id: id });
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json).toMatchObject({
      status: 'ACTIVE',
      payment_request_id: null,
    });
    // The next token works: the shopper may try again (and is declined again).
    const again = await pay(sb, { token: json.client_token, session: id, cvn: '123' });
    expect(again.status).toBe(402);
    expect(again.json.payment_request_id).not.toBe(json.payment_request_id);
  });

  it('cpt-visa-cvn-mismatch: refuses every well-formed CVN, then locks the session', async () => {
    const { id, token: first } = await ready('cpt-visa-cvn-mismatch');
    // A second frame's token, taken before the lock.
    const spare = await clientToken(sb, id);
    let token = first;
    for (let attempt = 1; attempt < 5; attempt++) {
      const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
      expect(status).toBe(400);
      expect(json).toMatchObject({ error_code: 'INVALID_CVN', message: 'The security code does not match the card' });
      expect(json.errors).toEqual([{ path: 'cvn', message: 'does not match' }]);
      expect(json).not.toHaveProperty('payment_request_id');
      token = json.client_token;
    }
    const locked = await pay(sb, { token, session: id, cvn: '123' });
    expect(locked.status).toBe(429);
    expect(locked.json.error_code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.json).not.toHaveProperty('client_token');
    const after = await pay(sb, { token: spare, session: id, cvn: '456' });
    expect(after.status).toBe(429);
    expect(after.json.error_code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('cpt-amex-challenge: needs 4 digits', async () => {
    const { id, token } = await ready('cpt-amex-challenge');
    const short = await pay(sb, { token, session: id, cvn: '123' });
    expect(short.status).toBe(400);
    expect(short.json).toMatchObject({ error_code: 'API_VALIDATION_ERROR' });
    expect(short.json.errors).toEqual([{ path: 'cvn', message: 'expected 4 digits, received 3 digits' }]);
    const ok = await pay(sb, { token: short.json.client_token, session: id, cvn: '1234' });
    expect(ok.status).toBe(200);
    expect(ok.json.message).toBe('3-D Secure authentication required');
  });

  it('cpt-visa-challenge: 200, the payment request REQUIRES_ACTION', async () => {
    const { id, token } = await ready('cpt-visa-challenge');
    const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
    expect(status).toBe(200);
    expect(json.action_url).toBe(`${sb.origin}/v1/3ds/${json.payment_request_id}`);
    const pr = await api(sb, 'GET', `/v1/payment_requests/${json.payment_request_id}`);
    expect(pr.json).toMatchObject({ status: 'REQUIRES_ACTION', action_url: json.action_url, failure_code: null });
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.status).toBe('ACTIVE');
    const validated = await api(sb, 'POST', '/v1/tokens/validate', { token: json.result_token });
    expect(validated.json.claims.status).toBe('REQUIRES_ACTION');
  });
});

describe('Idempotency-Key scope', () => {
  it("keeps keys per session: the same key on another session is that session's own attempt", async () => {
    const key = idemKey();
    const a = await ready('cpt-visa-frictionless');
    const paid = await pay(sb, { token: a.token, session: a.id, cvn: '123', key });
    expect(paid.status).toBe(200);
    const b = await ready('cpt-visa-challenge');
    const own = await pay(sb, { token: b.token, session: b.id, cvn: '123', key });
    expect(own.status).toBe(200);
    expect(own.headers.get('idempotent-replayed')).toBeNull();
    expect(own.json.payment_request_id).not.toBe(paid.json.payment_request_id);
    expect(sb.paymentRequests(b.id).map((pr) => pr.payment_request_id)).toEqual([own.json.payment_request_id]);
  });
});

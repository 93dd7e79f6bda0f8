import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  clientToken,
  createSession,
  idemKey,
  jsonOf,
  pay,
  start,
  withCard,
  type TestSandbox,
} from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

/** A fresh visa session and the frame's first client token for it. */
async function ready(overrides: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const { payment_session_id: id } = await createSession(sb, overrides);
  return { id, token: await clientToken(sb, id) };
}

describe('POST /v1/payment_with_session: success', () => {
  it('answers a payment request, its 3-D Secure URL, the next client token and a verifiable result token', async () => {
    const { id, token } = await ready();
    const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
    expect(status).toBe(200);
    expect(json.payment_request_id).toMatch(/^pr-[0-9a-f-]{36}$/);
    expect(json.action_url).toBe(`${sb.origin}/v1/3ds/${json.payment_request_id}`);
    expect(json.message).toBe('3-D Secure authentication required');
    expect(json.client_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(json.client_token).not.toBe(token);

    const expected = {
      payment_request_id: json.payment_request_id,
      payment_session_id: id,
      reference_id: 'order-1',
      status: 'REQUIRES_ACTION',
      amount: 250000,
      currency: 'IDR',
    };
    const validated = await api(sb, 'POST', '/v1/tokens/validate', { token: json.result_token });
    expect(validated.status).toBe(200);
    expect(validated.json.valid).toBe(true);
    expect(validated.json.claims).toMatchObject(expected);

    const jwks = await jsonOf(await fetch(`${sb.origin}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(json.result_token, createLocalJWKSet(jwks), {
      issuer: sb.origin,
      audience: 'cards-session:merchant',
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'cs-result+jwt', kid: jwks.keys[0].kid });
    expect(payload).toMatchObject(expected);

    const pr = await api(sb, 'GET', `/v1/payment_requests/${json.payment_request_id}`);
    expect(pr.status).toBe(200);
    expect(pr.json).toMatchObject({ status: 'REQUIRES_ACTION', payment_session_id: id, failure_code: null });
  });

  it('does not validate a client token, a tampered token or garbage as a result token', async () => {
    const { id, token } = await ready();
    const { json } = await pay(sb, { token, session: id, cvn: '123' });
    const [h, , s] = (json.result_token as string).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ status: 'SUCCEEDED' })).toString('base64url')}.${s}`;
    for (const candidate of [json.client_token, forged, 'garbage']) {
      const res = await api(sb, 'POST', '/v1/tokens/validate', { token: candidate });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ valid: false });
    }
    expect((await api(sb, 'POST', '/v1/tokens/validate', { token: 42 })).status).toBe(400);
    const anon = await fetch(`${sb.origin}/v1/tokens/validate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: json.result_token }),
    });
    expect(anon.status).toBe(401);
  });
});

describe('POST /v1/payment_with_session: refusals', () => {
  it.each([
    ['no Origin', { Origin: null }],
    ['a merchant Origin', { Origin: 'http://127.0.0.1:4300' }],
    ['a look-alike Origin', { Origin: 'http://localhost' }],
  ])('answers 403 ORIGIN_NOT_ALLOWED for %s', async (_, headers) => {
    const { id, token } = await ready();
    const { status, json } = await pay(sb, { token, session: id, cvn: '123', headers });
    expect(status).toBe(403);
    expect(json.error_code).toBe('ORIGIN_NOT_ALLOWED');
    // The refusal did not consume the token.
    expect((await pay(sb, { token, session: id, cvn: '123' })).status).toBe(200);
  });

  it.each([
    ['no token', null],
    ['a garbage token', 'not.a.jwt'],
  ])('answers 401 INVALID_CLIENT_TOKEN for %s', async (_, token) => {
    const { id } = await ready();
    const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
    expect(status).toBe(401);
    expect(json.error_code).toBe('INVALID_CLIENT_TOKEN');
  });

  it('refuses a token used a second time under a new Idempotency-Key', async () => {
    const { id, token } = await ready();
    expect((await pay(sb, { token, session: id, cvn: '123' })).status).toBe(200);
    const again = await pay(sb, { token, session: id, cvn: '123' });
    expect(again.status).toBe(401);
    expect(again.json.error_code).toBe('INVALID_CLIENT_TOKEN');
  });

  it('refuses a token issued for another session', async () => {
    const a = await ready();
    const b = await ready();
    const { status, json } = await pay(sb, { token: a.token, session: b.id, cvn: '123' });
    expect(status).toBe(401);
    expect(json).toMatchObject({
      error_code: 'INVALID_CLIENT_TOKEN',
      message: 'Client token was issued for another session',
    });
  });

  it.each([
    ['missing', null],
    ['too short', 'abc'],
    ['with spaces', 'key with spaces'],
  ])('answers 400 for an Idempotency-Key that is %s', async (_, key) => {
    const { id, token } = await ready();
    const { status, json } = await pay(sb, { token, session: id, cvn: '123', key });
    expect(status).toBe(400);
    expect(json.error_code).toBe('API_VALIDATION_ERROR');
    expect(json.message).toMatch(/^expected an Idempotency-Key header/);
  });

  it('refuses a canceled session with 409 SESSION_NOT_ACTIVE', async () => {
    const { id, token } = await ready();
    expect((await api(sb, 'POST', `/v1/sessions/${id}/cancel`)).status).toBe(200);
    const { status, json } = await pay(sb, { token, session: id, cvn: '123' });
    expect(status).toBe(409);
    expect(json.error_code).toBe('SESSION_NOT_ACTIVE');
  });
});

describe('POST /v1/payment_with_session: idempotency and concurrency', () => {
  it('replays the same answer for the same Idempotency-Key', async () => {
    const { id, token } = await ready();
    const key = idemKey();
    const first = await pay(sb, { token, session: id, cvn: '123', key });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await pay(sb, { token, session: id, cvn: '123', key });
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
  });

  it('lets exactly one of two parallel calls with the same token through', async () => {
    const { id, token } = await ready();
    const results = await Promise.all([
      pay(sb, { token, session: id, cvn: '123' }),
      pay(sb, { token, session: id, cvn: '123' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
    expect(results.find((r) => r.status === 401)?.json.error_code).toBe('INVALID_CLIENT_TOKEN');
  });
});

describe('POST /v1/payment_with_session: CVN rules', () => {
  it.each([
    [
      'non-digits on visa',
      'cpt-visa-challenge',
      '12a',
      'expected 3 digits, received 3 characters, not all digits',
      '123',
    ],
    ['4 digits on visa', 'cpt-visa-challenge', '1234', 'expected 3 digits, received 4 digits', '123'],
    ['3 digits on amex', 'cpt-amex-challenge', '123', 'expected 4 digits, received 3 digits', '1234'],
    ['1 digit on an unknown brand', 'cpt-unknown-challenge', '1', 'expected 3 or 4 digits, received 1 digit', '1234'],
    ['an empty string', 'cpt-visa-challenge', '', 'expected 3 digits, received an empty string', '123'],
    ['a number instead of a string', 'cpt-visa-challenge', 123, 'expected 3 digits, received a number', '123'],
    ['null', 'cpt-visa-challenge', null, 'expected 3 digits, received null', '123'],
    ['an array', 'cpt-visa-challenge', ['1', '2', '3'], 'expected 3 digits, received an array', '123'],
    ['an object', 'cpt-visa-challenge', { digits: '123' }, 'expected 3 digits, received an object', '123'],
    ['a boolean', 'cpt-visa-challenge', true, 'expected 3 digits, received a boolean', '123'],
  ])(
    'refuses %s: 400 API_VALIDATION_ERROR on cvn, and a client token for the next try',
    async (_, card, bad, why, good) => {
      const { id, token } = await ready(withCard(card));
      const refused = await pay(sb, { token, session: id, cvn: bad });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        error_code: 'API_VALIDATION_ERROR',
        message: `Request failed validation: cvn: ${why}`,
      });
      expect(refused.json.errors).toEqual([{ path: 'cvn', message: why }]);
      expect(refused.json.client_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(refused.json.client_token).not.toBe(token);
      expect(sb.paymentRequests(id)).toHaveLength(0);
      const retry = await pay(sb, { token: refused.json.client_token, session: id, cvn: good });
      expect(retry.status).toBe(200);
      expect(retry.json.payment_request_id).toMatch(/^pr-/);
    },
  );

  it('refuses a body without a cvn the same way', async () => {
    const { id, token } = await ready();
    const refused = await pay(sb, { token, session: id, cvn: undefined });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([{ path: 'cvn', message: 'expected 3 digits, received nothing' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASIC,
  MERCHANT,
  api,
  createSession,
  jsonOf,
  sessionBody,
  start,
  withCard,
  type TestSandbox,
} from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

const post = (headers: Record<string, string>, body: string) =>
  fetch(`${sb.origin}/v1/sessions`, { method: 'POST', headers, body });

/** The field errors of a refused session body, by path. */
async function fieldErrors(overrides: Record<string, unknown>): Promise<Record<string, string>> {
  const { status, json } = await api(sb, 'POST', '/v1/sessions', sessionBody(overrides));
  expect(status).toBe(400);
  expect(json.error_code).toBe('API_VALIDATION_ERROR');
  return Object.fromEntries((json.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
}

describe('POST /v1/sessions', () => {
  it('creates an ACTIVE session with the brand of the test card and a 30-minute expiry', async () => {
    const before = Date.now();
    const { status, json } = await api(sb, 'POST', '/v1/sessions', sessionBody(withCard('cpt-amex-challenge')));
    expect(status).toBe(201);
    expect(json.payment_session_id).toMatch(/^ps-[0-9a-f-]{36}$/);
    expect(json.status).toBe('ACTIVE');
    expect(json.card).toEqual({ brand: 'amex', last4: '0005' });
    expect(json.allowed_origins).toEqual([MERCHANT]);
    expect(json.locale).toBe('en');
    expect(json.payment_request_id).toBeNull();
    const ttl = Date.parse(json.expires_at) - before;
    expect(ttl).toBeGreaterThanOrEqual(30 * 60 * 1000 - 5);
    expect(ttl).toBeLessThanOrEqual(30 * 60 * 1000 + 5000);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong key', { Authorization: `Basic ${Buffer.from('sk_wrong:').toString('base64')}` }],
    ['a malformed header', { Authorization: 'Basic !!not-base64!!' }],
    ['a Bearer instead of Basic', { Authorization: 'Bearer sk_sandbox_cards_session_demo' }],
  ])('answers 401 INVALID_API_KEY for %s', async (_, auth: Record<string, string>) => {
    const res = await post({ 'Content-Type': 'application/json', ...auth }, JSON.stringify(sessionBody()));
    expect(res.status).toBe(401);
    expect((await jsonOf(res)).error_code).toBe('INVALID_API_KEY');
  });

  it('lists every missing field as "expected X, received nothing"', async () => {
    const { status, json } = await api(sb, 'POST', '/v1/sessions', {});
    expect(status).toBe(400);
    expect(json.error_code).toBe('API_VALIDATION_ERROR');
    const paths = (json.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(['reference_id', 'session_type', 'amount', 'currency', 'country', 'cards_session_js']);
    for (const e of json.errors as { message: string }[]) expect(e.message).toMatch(/^expected .+, received nothing$/);
  });

  it('explains a bad amount, currency, card token, origin, expiry and unknown field', async () => {
    expect(await fieldErrors({ amount: 'abc' })).toEqual({
      amount: 'expected a number from 0 to 1000000000000, received "abc"',
    });
    expect(await fieldErrors({ amount: -1 })).toEqual({
      amount: 'expected a number from 0 to 1000000000000, received number -1',
    });
    expect(await fieldErrors({ currency: 'usd' })).toEqual({
      currency: 'expected an ISO 4217 code such as "IDR", received "usd"',
    });
    expect(await fieldErrors(withCard('cpt-nope'))).toEqual({
      'cards_session_js.card_payment_token_id':
        'expected a stored card token (see the test-card table), received "cpt-nope"',
    });
    expect(await fieldErrors({ allowed_origins: [MERCHANT, 'http://a/b'] })).toEqual({
      'allowed_origins[1]': 'expected an origin: scheme://host[:port], no path, no wildcard, received "http://a/b"',
    });
    expect(await fieldErrors({ expires_at: '2020-01-01T00:00:00.000Z' })).toEqual({
      expires_at: 'expected an ISO 8601 time in the next 24 hours, received "2020-01-01T00:00:00.000Z"',
    });
    expect(await fieldErrors({ surprise: true })).toEqual({
      surprise: 'expected no such field, received boolean true',
    });
  });

  it('refuses a body that is not JSON, or not a JSON object', async () => {
    const bad = await post({ Authorization: BASIC, 'Content-Type': 'application/json' }, '{"reference_id":');
    expect(bad.status).toBe(400);
    expect(await jsonOf(bad)).toMatchObject({
      error_code: 'API_VALIDATION_ERROR',
      message: 'Request body is not valid JSON',
    });
    const array = await post({ Authorization: BASIC, 'Content-Type': 'application/json' }, '[]');
    expect(array.status).toBe(400);
    expect((await jsonOf(array)).message).toBe('Request body must be a JSON object');
  });

  it('refuses a body of another content type with 415', async () => {
    const res = await post({ Authorization: BASIC, 'Content-Type': 'text/plain' }, JSON.stringify(sessionBody()));
    expect(res.status).toBe(415);
    expect(await jsonOf(res)).toMatchObject({
      error_code: 'API_VALIDATION_ERROR',
      message: 'expected Content-Type application/json, received text/plain',
    });
  });
});

describe('GET /v1/sessions/:id and cancel', () => {
  it('reads a session back, without internal counters', async () => {
    const created = await createSession(sb);
    const { status, json } = await api(sb, 'GET', `/v1/sessions/${created.payment_session_id}`);
    expect(status).toBe(200);
    expect(json).toEqual(created);
    expect(json).not.toHaveProperty('cvnAttempts');
  });

  it('answers 404 DATA_NOT_FOUND for an unknown session, and 401 without the key', async () => {
    const { status, json } = await api(sb, 'GET', '/v1/sessions/ps-unknown');
    expect(status).toBe(404);
    expect(json.error_code).toBe('DATA_NOT_FOUND');
    const created = await createSession(sb);
    const anon = await fetch(`${sb.origin}/v1/sessions/${created.payment_session_id}`);
    expect(anon.status).toBe(401);
  });

  it('reports EXPIRED once expires_at has passed', async () => {
    const created = await createSession(sb, { expires_at: new Date(Date.now() + 1000).toISOString() });
    expect(created.status).toBe('ACTIVE');
    await new Promise((r) => setTimeout(r, 1100));
    const { status, json } = await api(sb, 'GET', `/v1/sessions/${created.payment_session_id}`);
    expect(status).toBe(200);
    expect(json.status).toBe('EXPIRED');
    const cancel = await api(sb, 'POST', `/v1/sessions/${created.payment_session_id}/cancel`);
    expect(cancel.status).toBe(410);
    expect(cancel.json.error_code).toBe('SESSION_EXPIRED');
  });

  it('cancels once, then answers 409 SESSION_NOT_ACTIVE', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const first = await api(sb, 'POST', `/v1/sessions/${id}/cancel`);
    expect(first.status).toBe(200);
    expect(first.json.status).toBe('CANCELED');
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.status).toBe('CANCELED');
    const second = await api(sb, 'POST', `/v1/sessions/${id}/cancel`);
    expect(second.status).toBe(409);
    expect(second.json.error_code).toBe('SESSION_NOT_ACTIVE');
  });
});

describe('GET /v1/test_cards', () => {
  it('lists every stored test card a session can be created with, for the secret key only', async () => {
    const { status, json } = await api(sb, 'GET', '/v1/test_cards');
    expect(status).toBe(200);
    const cards = json.data as { card_payment_token_id: string; brand: string; outcome: string }[];
    expect(cards.map((c) => c.outcome)).toEqual(
      expect.arrayContaining(['challenge', 'frictionless', 'decline', 'cvn_mismatch']),
    );
    for (const card of cards) {
      const created = await createSession(sb, withCard(card.card_payment_token_id));
      expect(created.card.brand).toBe(card.brand);
    }
    expect((await fetch(`${sb.origin}/v1/test_cards`)).status).toBe(401);
  });
});

describe('routing', () => {
  it('answers 404 DATA_NOT_FOUND JSON for an unknown route', async () => {
    const res = await fetch(`${sb.origin}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await jsonOf(res)).toEqual({ error_code: 'DATA_NOT_FOUND', message: 'No route /v1/nothing-here' });
  });

  it('answers 405 for a known route with the wrong method', async () => {
    const res = await fetch(`${sb.origin}/v1/sessions`, { method: 'DELETE', headers: { Authorization: BASIC } });
    expect(res.status).toBe(405);
    expect(await jsonOf(res)).toMatchObject({
      error_code: 'API_VALIDATION_ERROR',
      message: 'DELETE is not allowed on /v1/sessions',
    });
  });

  // Both used to throw out of the request listener, which stops the CLI's process.
  it.each([
    ['/v1/sessions/%E0%A4%A', 400, 'API_VALIDATION_ERROR'],
    ['//', 404, 'DATA_NOT_FOUND'],
    ['//evil.example/v1/sessions', 404, 'DATA_NOT_FOUND'],
  ])('answers the malformed path %s with %i and keeps serving', async (path, status, code) => {
    const res = await fetch(`${sb.origin}${path}`, { headers: { Authorization: BASIC } });
    expect(res.status).toBe(status);
    expect((await jsonOf(res)).error_code).toBe(code);
    expect((await fetch(`${sb.origin}/.well-known/jwks.json`)).status).toBe(200);
  });
});

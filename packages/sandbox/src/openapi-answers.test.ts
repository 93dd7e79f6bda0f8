import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_KEY } from './server';
import {
  MERCHANT,
  clientToken,
  createSession,
  frameConfig,
  idemKey,
  jsonOf,
  pay,
  sessionBody,
  start,
  withCard,
  type Json,
  type TestSandbox,
} from './test-helpers';

const OTHER_KEY = 'sk_test_another_merchant';
let sb: TestSandbox;
let doc: Json;
beforeAll(async () => {
  sb = await start({ secretKeys: [DEFAULT_SECRET_KEY, OTHER_KEY], maxCvnAttempts: 2, maxPaymentRequests: 1 });
  doc = await jsonOf(await fetch(`${sb.origin}/openapi.json`));
});
afterAll(() => sb.stop());

/** What the tour saw: operation (`METHOD /path/{param}`), status, error code (JSON or refusal page). */
const seen: { op: string; status: number; code: string | null; replayed: boolean }[] = [];

/** Sends a request as part of the tour and records its answer against `op`. */
async function call(op: string, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${sb.origin}${url}`, { redirect: 'manual', ...init });
  const text = await res.clone().text();
  let code: string | null = null;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json'))
    code = JSON.parse(text).error_code ?? null;
  else if (text.includes('id="cs-config"')) code = frameConfig(text).error?.code ?? null;
  seen.push({ op, status: res.status, code, replayed: res.headers.get('idempotent-replayed') === 'true' });
  return res;
}

const basic = (key: string) => ({ Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });
const jsonBody = (body: unknown, key = DEFAULT_SECRET_KEY) => ({
  method: 'POST',
  headers: { ...basic(key), 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const frame = (session: string, origin = MERCHANT) =>
  call('GET /v1/frames/cvn', `/v1/frames/cvn?${new URLSearchParams({ session, origin })}`);
const form = (body: string) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body,
});

/** The frame's call, recorded: `args` as for `pay`, the headers the frame sends. */
async function submit(args: { session: string; token: string | null; cvn: unknown; key?: string; origin?: string }) {
  return call('POST /v1/payment_with_session', '/v1/payment_with_session', {
    method: 'POST',
    headers: {
      ...(args.origin === '' ? {} : { Origin: args.origin ?? sb.origin }),
      'Content-Type': 'application/json',
      ...(args.token ? { Authorization: `Bearer ${args.token}` } : {}),
      'Idempotency-Key': args.key ?? idemKey(),
    },
    body: JSON.stringify({ payment_session_id: args.session, cvn: args.cvn }),
  });
}

describe('every answer the gateway gives is documented on its operation', () => {
  it('tours the server-to-server calls', async () => {
    const created = await call('POST /v1/sessions', '/v1/sessions', jsonBody(sessionBody()));
    const id: string = (await jsonOf(created)).payment_session_id;
    await call('POST /v1/sessions', '/v1/sessions', jsonBody({}));
    await call('POST /v1/sessions', '/v1/sessions', { method: 'POST', body: '{}' });
    await call('POST /v1/sessions', '/v1/sessions', { ...jsonBody(sessionBody()), headers: basic(DEFAULT_SECRET_KEY) });
    await call('POST /v1/sessions', '/v1/sessions', jsonBody({ metadata: { pad: 'x'.repeat(70_000) } }));
    for (const key of [DEFAULT_SECRET_KEY, OTHER_KEY]) {
      await call('GET /v1/sessions/{id}', `/v1/sessions/${id}`, { headers: basic(key) });
    }
    await call('GET /v1/sessions/{id}', `/v1/sessions/${id}`);
    await call('POST /v1/sessions/{id}/cancel', `/v1/sessions/${id}/cancel`, {
      method: 'POST',
      headers: basic(OTHER_KEY),
    });
    await call('POST /v1/sessions/{id}/cancel', `/v1/sessions/${id}/cancel`, {
      method: 'POST',
      headers: basic(DEFAULT_SECRET_KEY),
    });
    await call('POST /v1/sessions/{id}/cancel', `/v1/sessions/${id}/cancel`, {
      method: 'POST',
      headers: basic(DEFAULT_SECRET_KEY),
    });
    const expiring = await createSession(sb, { expires_at: new Date(Date.now() + 1000).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call('POST /v1/sessions/{id}/cancel', `/v1/sessions/${id}/cancel`, { method: 'POST' });
    await frame(id);
    const gone = expiring.payment_session_id;
    await call('POST /v1/sessions/{id}/cancel', `/v1/sessions/${gone}/cancel`, {
      method: 'POST',
      headers: basic(DEFAULT_SECRET_KEY),
    });
    await frame(gone);

    const paid = await createSession(sb);
    const answer = await pay(sb, {
      token: await clientToken(sb, paid.payment_session_id),
      session: paid.payment_session_id,
      cvn: '123',
    });
    for (const key of [DEFAULT_SECRET_KEY, OTHER_KEY]) {
      await call('GET /v1/payment_requests/{id}', `/v1/payment_requests/${answer.json.payment_request_id}`, {
        headers: basic(key),
      });
      await call('POST /v1/tokens/validate', '/v1/tokens/validate', jsonBody({ token: answer.json.result_token }, key));
    }
    await call('POST /v1/tokens/validate', '/v1/tokens/validate', jsonBody({ token: 42 }));
    await call('POST /v1/tokens/validate', '/v1/tokens/validate', { method: 'POST', body: '{}' });
    await call('POST /v1/tokens/validate', '/v1/tokens/validate', {
      method: 'POST',
      headers: { ...basic(DEFAULT_SECRET_KEY), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    await call('GET /v1/payment_requests/{id}', `/v1/payment_requests/${answer.json.payment_request_id}`);
    await call('GET /v1/test_cards', '/v1/test_cards', { headers: basic(DEFAULT_SECRET_KEY) });
    await call('GET /v1/test_cards', '/v1/test_cards');
  });

  it('tours the frame, payment_with_session and 3-D Secure', async () => {
    const { payment_session_id: id } = await createSession(sb);
    await frame(id);
    await frame(id, 'not an origin');
    await frame(id, 'https://evil.example');
    await frame('ps-unknown');
    const token = await clientToken(sb, id);
    await submit({ session: id, token, cvn: '123', origin: '' });
    await submit({ session: id, token: null, cvn: '123' });
    const key = idemKey();
    const malformed = await submit({ session: id, token, cvn: '12', key });
    await submit({ session: id, token, cvn: '12', key });
    await submit({ session: id, token: await clientToken(sb, id), cvn: '12', key });
    const ok = await jsonOf(await submit({ session: id, token: (await jsonOf(malformed)).client_token, cvn: '123' }));
    const url = new URL(ok.action_url).pathname;
    await call('GET /v1/3ds/{id}', url);
    await call('GET /v1/3ds/{id}', `${url}?mode=modal&origin=${encodeURIComponent('https://evil.example')}`);
    await call('GET /v1/3ds/{id}', '/v1/3ds/pr-unknown');
    await call('POST /v1/3ds/{id}', url, form('code=0000&action=authenticate'));
    await call(
      'POST /v1/3ds/{id}',
      url,
      form(`code=1234&action=authenticate&mode=modal&origin=${encodeURIComponent(MERCHANT)}`),
    );
    await call('POST /v1/3ds/{id}', url, form('code=1234&action=authenticate'));
    await call('GET /v1/3ds/{id}', url);
    await call('POST /v1/3ds/{id}', '/v1/3ds/pr-unknown', form('code=1234'));
    const again = await createSession(sb);
    const second = await pay(sb, {
      token: await clientToken(sb, again.payment_session_id),
      session: again.payment_session_id,
      cvn: '123',
    });
    const secondUrl = new URL(second.json.action_url).pathname;
    await call('POST /v1/3ds/{id}', secondUrl, form(`code=1234&action=authenticate&mode=modal&origin=null`));
    await call('POST /v1/3ds/{id}', secondUrl, form('code=1234&action=authenticate'));
    await submit({ session: id, token: ok.client_token, cvn: '123' });

    const { payment_session_id: mismatch } = await createSession(sb, withCard('cpt-visa-cvn-mismatch'));
    const wrong = await jsonOf(await submit({ session: mismatch, token: await clientToken(sb, mismatch), cvn: '123' }));
    await submit({ session: mismatch, token: wrong.client_token, cvn: '123' });
    await frame(mismatch);

    const { payment_session_id: declined } = await createSession(sb, withCard('cpt-visa-decline'));
    const first = await jsonOf(await submit({ session: declined, token: await clientToken(sb, declined), cvn: '123' }));
    await submit({ session: declined, token: first.client_token, cvn: '123' });
    await frame(declined);

    const expiring = await createSession(sb, { expires_at: new Date(Date.now() + 1000).toISOString() });
    const late = await clientToken(sb, expiring.payment_session_id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await submit({ session: expiring.payment_session_id, token: late, cvn: '123' });
  });

  it('found each status and code among the documented answers of its operation', () => {
    expect(seen.length).toBeGreaterThan(50);
    const undocumented: string[] = [];
    for (const { op, status, code, replayed } of seen) {
      const [method = '', path = ''] = op.split(' ');
      const response = doc.paths[path]?.[method.toLowerCase()]?.responses?.[status];
      const codes: string[] | undefined =
        response?.['x-error-codes'] ??
        response?.content?.['application/json']?.schema?.allOf?.[1]?.properties?.error_code?.enum;
      if (!response) undocumented.push(`${op} ${status}`);
      else if (code && !codes?.includes(code)) undocumented.push(`${op} ${status} ${code}`);
      else if (replayed && !response.headers?.['Idempotent-Replayed']) undocumented.push(`${op} ${status} replayed`);
    }
    expect(undocumented).toEqual([]);
  });

  it('saw every status code the operations it toured document', () => {
    const toured = new Set(seen.map((s) => s.op));
    const missed: string[] = [];
    for (const op of toured) {
      const [method = '', path = ''] = op.split(' ');
      for (const status of Object.keys(doc.paths[path][method.toLowerCase()].responses)) {
        // Every operation documents 500 INTERNAL_ERROR: a bug, never toured.
        if (status === '500') continue;
        if (!seen.some((s) => s.op === op && String(s.status) === status)) missed.push(`${op} ${status}`);
      }
    }
    // Documented, but not worth a tour: oversized bodies on the browser calls, and a client token
    // whose session vanished (sessions are never deleted).
    // Malformed percent-encoding in a path parameter is toured by conformance.test.ts.
    expect(missed.sort()).toEqual([
      'GET /v1/3ds/{id} 400',
      'GET /v1/payment_requests/{id} 400',
      'GET /v1/sessions/{id} 400',
      'POST /v1/3ds/{id} 400',
      'POST /v1/3ds/{id} 413',
      'POST /v1/payment_with_session 404',
      'POST /v1/payment_with_session 413',
      'POST /v1/payment_with_session 415',
      'POST /v1/sessions/{id}/cancel 400',
      'POST /v1/tokens/validate 413',
    ]);
  });

  it('documents the replay rule and the foreign-session 404', () => {
    const op = doc.paths['/v1/payment_with_session'].post;
    expect(op.description).toMatch(/same key and token gets the stored answer byte for byte/);
    expect(op.parameters[0]).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: true });
    for (const status of ['200', '400', '402', '429'])
      expect(op.responses[status].headers).toHaveProperty('Idempotent-Replayed');
    for (const path of ['/v1/sessions/{id}', '/v1/payment_requests/{id}']) {
      expect(doc.paths[path].get.responses['404'].description).toMatch(/belongs to another secret key/);
    }
    expect(doc.paths['/v1/tokens/validate'].post.responses['200'].description).toMatch(/another secret key/);
  });
});

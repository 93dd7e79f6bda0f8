import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMAL_HTML, PNG, zipOf } from './forms/test-zip';
import { DEFAULT_SECRET_KEY } from './server';
import {
  MERCHANT,
  clientToken,
  createSession,
  frameConfig,
  idemKey,
  jsonOf,
  sessionBody,
  start,
  withCard,
  type Json,
  type TestSandbox,
} from './test-helpers';

// Conformance: every operation driven over real HTTP with good and bad input, every answer
// (status, the headers the document promises, body) checked against the document the sandbox
// serves, by an independent validator (Ajv, JSON Schema 2020-12). Request bodies too: what the
// document accepts the server accepts, and what it refuses the server refuses. Response schemas
// are closed (no field undocumented) and complete (every documented field always sent), so a
// field added to one side only fails here.

// ajv-formats is CommonJS with a default export; under NodeNext-style interop it may be nested.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

const OTHER_KEY = 'sk_test_another_merchant';
const DOC_ID = 'https://sandbox.test/openapi.json';
let sb: TestSandbox;
let doc: Json;
let ajv: Ajv2020;
beforeAll(async () => {
  sb = await start({ secretKeys: [DEFAULT_SECRET_KEY, OTHER_KEY], maxCvnAttempts: 2, maxPaymentRequests: 2 });
  doc = await jsonOf(await fetch(`${sb.origin}/openapi.json`));
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOC_ID });
});
afterAll(() => sb.stop());

/** One call as sent and answered. */
interface Exchange {
  method: string;
  path: string;
  requestType: string | null;
  requestBody: string | null;
  status: number;
  headers: Headers;
  text: string;
}
const exchanges: Exchange[] = [];

const basic = (key = DEFAULT_SECRET_KEY) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Sends a request and records it with its answer. */
async function call(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<{ status: number; json: Json; text: string; headers: Headers }> {
  const res = await fetch(`${sb.origin}${path}`, { method, redirect: 'manual', ...init });
  const text = await res.text();
  const requestType = Object.entries(init.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  exchanges.push({
    method,
    path,
    requestType: requestType ?? null,
    requestBody: typeof init.body === 'string' ? init.body : null,
    status: res.status,
    headers: res.headers,
    text,
  });
  let json: Json = null;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, json, text, headers: res.headers };
}

/** A server call with the secret key and a JSON body. */
const post = (path: string, body: unknown, key = DEFAULT_SECRET_KEY) =>
  call('POST', path, {
    headers: { Authorization: basic(key), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string, key: string | null = DEFAULT_SECRET_KEY) =>
  call('GET', path, key ? { headers: { Authorization: basic(key) } } : {});

/** The frame's CVN call. */
const submit = (session: string, token: string, cvn: unknown, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/payment_with_session', {
    headers: {
      Origin: sb.origin,
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': idemKey(),
    },
    body: JSON.stringify({ payment_session_id: session, cvn, ...extra }),
  });
const form = (path: string, body: string) =>
  call('POST', path, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

/** The seed's request, verbatim (Xendit, one-click payment with CVN), on a sandbox test card. */
const SEED = {
  reference_id: 'YOUR_PAYMENT_REFERENCE_ID',
  session_type: 'PAY',
  mode: 'CARDS_SESSION_JS',
  amount: 100000,
  currency: 'IDR',
  country: 'ID',
  customer: {
    reference_id: 'YOUR_CUSTOMER_REFERENCE',
    type: 'INDIVIDUAL',
    email: 'test@yourdomain.com',
    mobile_number: '+6212345678',
    individual_detail: { given_names: 'Jaap', surname: 'Stam' },
  },
  cards_session_js: {
    card_payment_token_id: 'cpt-visa-challenge',
    success_return_url: 'https://yourcompany.com/success',
    failure_return_url: 'https://yourcompany.com/failure',
  },
};

const nested = (depth: number): Json => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });
/** A session whose metadata nests 4,111 deep, as the issue found it (every later payment failed 500), as JSON text. */
const DEEP = JSON.stringify(sessionBody({ metadata: 'DEEP' })).replace(
  '"DEEP"',
  `${'{"a":'.repeat(4111)}1${'}'.repeat(4111)}`,
);
const js = (patch: Record<string, unknown>) => ({
  cards_session_js: { ...(sessionBody().cards_session_js as object), ...patch },
});

/** Session bodies, good and bad, each sent to both paths of `createSession`. */
const SESSION_BODIES: Record<string, unknown>[] = [
  sessionBody(),
  SEED,
  { ...SEED, allowed_origins: ['https://shop.example'] },
  sessionBody({ session_type: 'SAVE', amount: 0, locale: 'id', metadata: { order: { lines: [1, 2] } } }),
  sessionBody({ customer_id: 'cust-1', customer: null, metadata: null }),
  {},
  sessionBody({ mode: 'PAYMENT_LINK' }),
  sessionBody({ amount: 0 }),
  sessionBody({ amount: -1 }),
  sessionBody({ amount: 'abc' }),
  sessionBody({ currency: 'usd' }),
  sessionBody({ allowed_origins: ['https://*'] }),
  sessionBody({ allowed_origins: ['https://*.shop.example'] }),
  sessionBody({ allowed_origins: [] }),
  sessionBody({ allowed_origins: ['http://a/b'] }),
  sessionBody(js({ success_return_url: 'https://shop.example/ok\r\nSet-Cookie: x=1' })),
  sessionBody(js({ failure_return_url: 'https://shop.example/\u0000' })),
  sessionBody(js({ failure_return_url: 'http://shop.example/failure' })),
  sessionBody(js({ card_payment_token_id: 'cpt-nope' })),
  sessionBody({ metadata: nested(3) }),
  sessionBody({ metadata: nested(4) }),
  sessionBody({ metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }),
  sessionBody({ metadata: { note: 'x'.repeat(501) } }),
  sessionBody({ customer: { name: 'x'.repeat(501) } }),
  sessionBody({ surprise: true }),
  sessionBody({ locale: 'fr' }),
  sessionBody({ expires_at: '2020-01-01T00:00:00.000Z' }),
];

describe('conformance: the sandbox and the document it serves', () => {
  it('tours the server calls, at our paths and at Xendit’s', async () => {
    for (const body of SESSION_BODIES) {
      await post('/v1/sessions', body);
      await post('/sessions', body);
    }
    await call('POST', '/v1/sessions', {
      headers: { Authorization: basic(), 'Content-Type': 'application/json' },
      body: DEEP,
    });
    await call('POST', '/v1/sessions', { headers: { Authorization: basic() }, body: '{}' });
    await call('POST', '/v1/sessions', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await post('/v1/sessions', { metadata: { pad: 'x'.repeat(70_000) } });

    const { json: seed } = await post('/sessions', SEED);
    const id: string = seed.payment_session_id;
    for (const path of [`/v1/sessions/${id}`, `/sessions/${id}`]) {
      await get(path);
      await get(path, OTHER_KEY);
      await get(path, null);
    }
    await get('/v1/sessions/%E0%A4%A');
    await call('POST', `/sessions/${id}/cancel`, { headers: { Authorization: basic(OTHER_KEY) } });
    await call('POST', `/sessions/${id}/cancel`, { headers: { Authorization: basic() } });
    await call('POST', `/v1/sessions/${id}/cancel`, { headers: { Authorization: basic() } });
    await call('POST', '/v1/sessions/%E0%A4%A/cancel', { headers: { Authorization: basic() } });
    const expiring = await createSession(sb, { expires_at: new Date(Date.now() + 1000).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call('POST', `/v1/sessions/${expiring.payment_session_id}/cancel`, { headers: { Authorization: basic() } });

    await get('/v1/test_cards');
    await get('/v1/test_cards', null);
    await get('/.well-known/jwks.json', null);
    await get('/assets/manifest.json', null);
    await get('/assets/0.0.0-test/frame.js', null);
    await get('/assets/0.0.0-test/cards-session.min.js', null);
    await get('/assets/9.9.9/frame.js', null);
    await get('/assets/0.0.0-test/%E0%A4%A', null);
    await get('/openapi.json', null);
    await get('/v1/csp-reports');
    await get('/v1/csp-reports', null);
    await call('POST', '/v1/csp-reports', {
      headers: { 'Content-Type': 'application/csp-report' },
      body: JSON.stringify({
        'csp-report': { 'document-uri': `${sb.origin}/v1/frames/cvn`, 'violated-directive': 'script-src' },
      }),
    });
    await call('POST', '/v1/csp-reports', { headers: { 'Content-Type': 'application/reports+json' }, body: '[]' });
    await call('POST', '/v1/csp-reports', { headers: { 'Content-Type': 'application/csp-report' }, body: '{}' });
    await call('POST', '/v1/csp-reports', { headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    await call('POST', '/v1/csp-reports', {
      headers: { 'Content-Type': 'application/csp-report' },
      body: 'x'.repeat(9000),
    });
  });

  it('tours the forms: upload, refusal, list, read, delete, files, a session naming one', async () => {
    const zip = (type: string, body: Uint8Array, key = DEFAULT_SECRET_KEY) =>
      call('PUT', '/v1/forms/tour', { headers: { Authorization: basic(key), 'Content-Type': type }, body });
    const good = zipOf({ 'form.html': MINIMAL_HTML, 'form.css': 'p{background:url(a.png)}', 'a.png': PNG });
    const { json: form } = await zip('application/zip', good);
    await zip('application/zip', good, 'sk_wrong');
    await zip('application/zip', zipOf({ 'form.html': '<script>1</script>' }));
    await zip('application/json', good);
    await call('PUT', '/v1/forms/Not%20A%20Name', {
      headers: { Authorization: basic(), 'Content-Type': 'application/zip' },
      body: good,
    });
    await get('/v1/forms');
    await get('/v1/forms', null);
    await get('/v1/forms/tour');
    await get('/v1/forms/tour', OTHER_KEY);
    await get('/v1/forms/%E0%A4%A');
    await get(`/v1/frames/forms/${form.id}/form.css`, null);
    await get(`/v1/frames/forms/${form.id}/a.png`, null);
    await get(`/v1/frames/forms/${form.id}/form.html`, null);
    await post('/v1/sessions', sessionBody(js({ form: 'tour' })));
    await post('/v1/sessions', sessionBody(js({ form: 'Bad Name' })));
    await call('DELETE', '/v1/forms/tour', { headers: { Authorization: basic() } });
    await call('DELETE', '/v1/forms/tour', { headers: { Authorization: basic() } });
    await post('/v1/sessions', sessionBody(js({ form: 'tour' })));
  });

  it('tours the frame, the CVN, 3-D Secure and result tokens', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const frame = (session: string, origin = MERCHANT) =>
      call('GET', `/v1/frames/cvn?${new URLSearchParams({ session, origin })}`);
    await frame(id);
    await frame(id, 'not an origin');
    await frame(id, 'https://evil.example');
    await frame('ps-unknown');

    const token = await clientToken(sb, id);
    const malformed = await submit(id, token, '12');
    await submit(id, malformed.json.client_token, '123', { surprise: 1 });
    await call('POST', '/v1/payment_with_session', {
      headers: { Origin: sb.origin, 'Content-Type': 'application/json', 'Idempotency-Key': idemKey() },
      body: '{}',
    });
    await call('POST', '/v1/payment_with_session', {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': idemKey() },
      body: '{}',
    });
    const ok = await submit(id, await clientToken(sb, id), '123');
    const action = new URL(ok.json.action_url).pathname;

    await post('/v1/tokens/validate', { token: ok.json.result_token });
    await post('/v1/tokens/validate', { token: ok.json.result_token }, OTHER_KEY);
    await post('/v1/tokens/validate', { token: 42 });
    await post('/v1/tokens/validate', { token: 'x', more: 1 });
    await get(`/v1/payment_requests/${ok.json.payment_request_id}`);
    await get(`/v1/payment_requests/${ok.json.payment_request_id}`, OTHER_KEY);
    await get('/v1/payment_requests/%E0%A4%A');

    await call('GET', action);
    await call('GET', `${action}?mode=modal&origin=${encodeURIComponent('https://evil.example')}`);
    await call('GET', '/v1/3ds/pr-unknown');
    await call('GET', '/v1/3ds/%E0%A4%A');
    await form(action, 'code=0000&action=authenticate');
    await form(action, 'code=0000&action=authenticate&surprise=1');
    await form(action, 'code=1&code=2');
    await form(action, `code=1234&action=authenticate&mode=modal&origin=${encodeURIComponent('https://evil.example')}`);
    await form(action, `code=1234&action=authenticate&mode=modal&origin=${encodeURIComponent(MERCHANT)}`);
    await form(action, 'code=1234&action=authenticate');
    await call('GET', action);
    await form('/v1/3ds/pr-unknown', 'code=1234');

    const { payment_session_id: redirect } = await createSession(sb, withCard('cpt-visa-frictionless'));
    const done = await submit(redirect, await clientToken(sb, redirect), '123');
    await call('GET', new URL(done.json.action_url).pathname);
    await frame(redirect);

    const { payment_session_id: declined } = await createSession(sb, withCard('cpt-visa-decline'));
    await submit(declined, await clientToken(sb, declined), '123');
    const { payment_session_id: mismatch } = await createSession(sb, withCard('cpt-visa-cvn-mismatch'));
    const wrong = await submit(mismatch, await clientToken(sb, mismatch), '123');
    await submit(mismatch, wrong.json.client_token, '123');
    await frame(mismatch);
  });

  it('answered every call as its operation documents: status, headers, body', () => {
    expect(exchanges.length).toBeGreaterThan(100);
    const drift: string[] = [];
    for (const x of exchanges) {
      const where = `${x.method} ${x.path.slice(0, 60)} → ${x.status}`;
      const found = operationOf(x.method, x.path);
      if (!found) {
        drift.push(`${where}: no operation`);
        continue;
      }
      const { pointer, op } = found;
      const answer = op.responses[x.status];
      if (!answer) {
        drift.push(`${where}: status not documented`);
        continue;
      }
      const resolved = answer.$ref ? doc.components.responses[answer.$ref.split('/').pop()] : answer;
      const base = answer.$ref ? `${DOC_ID}${answer.$ref}` : `${DOC_ID}#${pointer}/responses/${x.status}`;
      for (const [name, rule] of Object.entries((resolved.headers ?? {}) as Record<string, Json>)) {
        const value = x.headers.get(name);
        if (value === null) {
          if (rule.required) drift.push(`${where}: header ${name} missing`);
          continue;
        }
        const check = ajv.getSchema(`${base}/headers/${escape(name)}/schema`);
        if (!check?.(value)) drift.push(`${where}: header ${name}: ${value}`);
      }
      const type = (x.headers.get('content-type') ?? '').split(';')[0] ?? '';
      const content = (resolved.content ?? {}) as Record<string, Json>;
      if (!Object.keys(content).length) {
        if (x.text !== '') drift.push(`${where}: a body where none is documented`);
        continue;
      }
      if (!(type in content)) {
        drift.push(`${where}: Content-Type ${type}, documented ${Object.keys(content).join(', ')}`);
        continue;
      }
      if (type === 'application/json') {
        const check = ajv.getSchema(`${base}/content/${escape(type)}/schema`) as ValidateFunction;
        if (!check(JSON.parse(x.text))) drift.push(`${where}: ${ajv.errorsText(check.errors)}`);
      }
      if (type === 'text/html' && x.text.includes('id="cs-config"')) {
        const code = frameConfig(x.text).error?.code;
        if (code && !resolved['x-error-codes']?.includes(code)) drift.push(`${where}: refusal ${code} undocumented`);
      }
    }
    expect(drift).toEqual([]);
  });

  it('accepts exactly the request bodies the document accepts', () => {
    // What a schema cannot say, the server still refuses, naming the field: a time in the next 24
    // hours, the CVN length of the card's brand.
    const SEMANTIC = new Set(['expires_at', 'cvn']);
    const drift: string[] = [];
    let checked = 0;
    for (const x of exchanges) {
      const found = operationOf(x.method, x.path);
      const body = found?.op.requestBody?.content?.[x.requestType ?? ''];
      if (!found || !body || x.requestBody === null || x.status === 401 || x.status === 403) continue;
      if (x.requestType === 'application/csp-report' || x.requestBody.length > 60_000) continue;
      const isJson = /json$/.test(x.requestType ?? '');
      const value = isJson ? JSON.parse(x.requestBody) : Object.fromEntries(new URLSearchParams(x.requestBody));
      if (!isJson && new URLSearchParams(x.requestBody).size !== Object.keys(value).length) continue; // A repeated form field: no object to validate; the server refuses it (toured above).
      const check = ajv.getSchema(
        `${DOC_ID}#${found.pointer}/requestBody/content/${escape(x.requestType ?? '')}/schema`,
      ) as ValidateFunction;
      const documented = check(value);
      const answer = x.text.startsWith('{') ? JSON.parse(x.text) : {};
      const refused = x.status === 400 && answer.error_code === 'API_VALIDATION_ERROR';
      const semantic = refused && (answer.errors ?? []).every((e: { path: string }) => SEMANTIC.has(e.path));
      checked++;
      if (documented && refused && !semantic)
        drift.push(`${x.method} ${x.path}: the document accepts, the server refuses: ${x.requestBody.slice(0, 120)}`);
      if (!documented && !refused)
        drift.push(`${x.method} ${x.path}: the document refuses, the server accepts: ${x.requestBody.slice(0, 120)}`);
    }
    expect(checked).toBeGreaterThan(60);
    expect(drift).toEqual([]);
  });

  it('closes and completes every response schema, so a field on one side only fails', () => {
    // Request bodies and the error body have optional fields; every other object is sent whole.
    const OPEN = new Set(['CreateSession', 'ThreeDsForm', 'Error']);
    const loose: string[] = [];
    const walk = (schema: Json, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      if (schema.type === 'object' && schema.properties) {
        if (schema.additionalProperties !== false) loose.push(`${at}: open`);
        const missing = Object.keys(schema.properties).filter((k) => !schema.required?.includes(k));
        if (missing.length) loose.push(`${at}: optional ${missing.join(', ')}`);
      }
      for (const [key, value] of Object.entries(schema)) if (typeof value === 'object') walk(value, `${at}/${key}`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      if (!OPEN.has(name)) walk(schema, name);
    }
    expect(loose).toEqual([]);
  });

  it('creates a session from the seed’s request verbatim, answering the seed’s fields', async () => {
    const { status, json } = await post('/sessions', SEED);
    expect(status).toBe(201);
    expect(json).toMatchObject({
      mode: 'CARDS_SESSION_JS',
      locale: 'en',
      customer: SEED.customer,
      allowed_origins: ['https://yourcompany.com'],
    });
    expect(json.customer_id).toMatch(/^cust-[0-9a-f-]{36}$/);
    expect(json.business_id).toMatch(/^[0-9a-f]{24}$/);
    expect(json.created).toBe(json.updated);
    const read = await get(`/sessions/${json.payment_session_id}`);
    expect(read.json).toEqual(json);
    const other = await post('/v1/sessions', { ...SEED, allowed_origins: [MERCHANT] }, OTHER_KEY);
    expect(other.json.allowed_origins).toEqual([MERCHANT]);
    expect(other.json.business_id).not.toBe(json.business_id);
  });

  it('refuses what the contract refuses, with "expected X, received Y"', async () => {
    const refusal = async (body: unknown) => {
      const { status, json } = await (typeof body === 'string'
        ? call('POST', '/v1/sessions', {
            headers: { Authorization: basic(), 'Content-Type': 'application/json' },
            body,
          })
        : post('/v1/sessions', body));
      expect(status).toBe(400);
      expect(json.error_code).toBe('API_VALIDATION_ERROR');
      return Object.fromEntries((json.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    };
    expect(await refusal(sessionBody({ mode: 'PAYMENT_LINK' }))).toEqual({
      mode: 'expected "CARDS_SESSION_JS", received "PAYMENT_LINK"',
    });
    expect(await refusal(sessionBody({ allowed_origins: ['https://*'] }))).toEqual({
      'allowed_origins[0]': 'expected an origin: scheme://host[:port], no path, no wildcard, received "https://*"',
    });
    expect(
      await refusal(sessionBody(js({ success_return_url: 'https://shop.example/ok\r\nSet-Cookie: x=1' }))),
    ).toEqual({
      'cards_session_js.success_return_url':
        'expected an absolute https: URL (http: on localhost) without spaces or control characters, received a string with control characters',
    });
    const deep = await refusal(DEEP);
    expect(deep.metadata).toMatch(/^expected an object nested at most 3 deep, .+, received an object$/);
    const many = await refusal(sessionBody({ amount: 0, currency: 'usd', locale: 'fr' }));
    expect(Object.keys(many).sort()).toEqual(['amount', 'currency', 'locale']);
  });
});

/** JSON pointer escaping of one path segment. */
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The documented operation a call hit, and the JSON pointer to it. */
function operationOf(method: string, target: string): { pointer: string; op: Json } | null {
  const pathname = new URL(target, 'http://x').pathname;
  for (const [template, ops] of Object.entries(doc.paths as Record<string, Json>)) {
    const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[a-z_]+\}/g, '[^/]+')}$`);
    const op = ops[method.toLowerCase()];
    if (pattern.test(pathname) && op) return { pointer: `/paths/${escape(template)}/${method.toLowerCase()}`, op };
  }
  return null;
}

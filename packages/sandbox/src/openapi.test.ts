import { ErrorCode } from '@cards-session/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Router } from './http';
import { jsonOf, start, type Json, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
/** Every `method path` the running sandbox registered, recorded as its router was built. */
let served: string[] = [];
let doc: Json;
let res: Response;
beforeAll(async () => {
  // Calls through: the real handlers are registered, the spy only notes what was added.
  const add = vi.spyOn(Router.prototype, 'add');
  try {
    sb = await start();
  } finally {
    served = add.mock.calls.map(([method, path]) => `${method} ${path.replace(/:([a-z_]+)/g, '{$1}')}`);
    add.mockRestore();
  }
  res = await fetch(`${sb.origin}/openapi.json`);
  doc = await res.clone().json();
});
afterAll(() => sb.stop());

/** Every route: the contract documents them all, the assets and the document itself included. */
const CONTRACT = [
  'POST /v1/sessions',
  'GET /v1/sessions/{id}',
  'POST /v1/sessions/{id}/cancel',
  'POST /sessions',
  'GET /sessions/{id}',
  'POST /sessions/{id}/cancel',
  'GET /v1/payment_requests/{id}',
  'POST /v1/tokens/validate',
  'GET /v1/test_cards',
  'GET /.well-known/jwks.json',
  'PUT /v1/forms/{name}',
  'GET /v1/forms',
  'GET /v1/forms/{name}',
  'DELETE /v1/forms/{name}',
  'GET /v1/frames/forms/{id}/{path}',
  'GET /v1/frames/cvn',
  'POST /v1/payment_with_session',
  'GET /v1/3ds/{id}',
  'POST /v1/3ds/{id}',
  'POST /v1/csp-reports',
  'GET /v1/csp-reports',
  'GET /assets/manifest.json',
  'GET /assets/{version}/{name}',
  'GET /openapi.json',
];

describe('GET /openapi.json', () => {
  it('answers an OpenAPI 3.1 document for this gateway', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers).toEqual([{ url: sb.origin }]);
    expect(doc.info.version).toBe('0.0.0-test');
  });

  it('documents every route the router serves, and nothing it does not', () => {
    expect([...served].sort()).toEqual([...CONTRACT].sort());
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual([...CONTRACT].sort());
  });

  it.each(CONTRACT)('%s answers something other than "no route"', async (route) => {
    const [method = '', path = ''] = route.split(' ');
    const answer = await fetch(`${sb.origin}${path.replace(/\{[a-z_]+\}/g, 'x')}`, { method, redirect: 'manual' });
    expect(answer.status).not.toBe(405);
    if (answer.status === 404 && answer.headers.get('content-type')?.startsWith('application/json'))
      expect((await jsonOf(answer)).message).not.toMatch(/^No route/);
  });

  it('lists the four webhooks', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      'payment.capture',
      'payment.failure',
      'payment_session.completed',
      'payment_session.expired',
    ]);
    for (const [type, hook] of Object.entries(doc.webhooks as Record<string, Json>)) {
      const schema = hook.post.requestBody.content['application/json'].schema;
      // Each body is closed and names its own type: the webhook tests validate every delivery
      // against these, so a field added on one side only fails them.
      expect(schema).toMatchObject({ additionalProperties: false, properties: { event: { enum: [type] } } });
      expect(schema.required).toEqual(['id', 'event', 'api_version', 'business_id', 'created', 'data']);
      expect(schema.properties.data.additionalProperties).toBe(false);
    }
  });

  it("has the protocol's error codes, all of them, in its Error schema", () => {
    expect(doc.components.schemas.Error.properties.error_code.enum).toEqual(Object.values(ErrorCode));
  });

  it('resolves every $ref', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(10);
    for (const name of new Set(refs)) expect(doc.components.schemas).toHaveProperty([name]);
  });
});

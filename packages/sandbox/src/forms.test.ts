import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMAL_HTML, PNG, zipOf } from './forms/test-zip';
import { DEFAULT_SECRET_KEY } from './server';
import { BASIC, api, createSession, jsonOf, sessionBody, start, type Json, type TestSandbox } from './test-helpers';

// The forms API over HTTP: upload, versions, list, read, delete, the files route, and sessions
// pinning a version.

const OTHER_KEY = 'sk_test_forms_other';
let sb: TestSandbox;
beforeAll(async () => {
  sb = await start({ secretKeys: [DEFAULT_SECRET_KEY, OTHER_KEY] });
});
afterAll(() => sb.stop());

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
async function put(name: string, archive: Uint8Array, init: { type?: string; key?: string } = {}) {
  const res = await fetch(`${sb.origin}/v1/forms/${name}`, {
    method: 'PUT',
    headers: { Authorization: init.key ? basic(init.key) : BASIC, 'Content-Type': init.type ?? 'application/zip' },
    body: archive,
  });
  return { status: res.status, json: (await jsonOf(res)) as Json };
}
const FORM = () => zipOf({ 'form.html': MINIMAL_HTML, 'form.css': 'p{background:url(img/a.png)}', 'img/a.png': PNG });
const withForm = (form: string) => ({ cards_session_js: { ...(sessionBody().cards_session_js as object), form } });

describe('forms API', () => {
  it('stores each upload as a new version, answering it', async () => {
    const first = await put('checkout', FORM());
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      name: 'checkout',
      version: 1,
      id: expect.stringMatching(/^form_[0-9a-f]{24}$/),
      files: [
        { path: 'form.html', bytes: MINIMAL_HTML.length, content_type: 'text/html; charset=utf-8' },
        { path: 'form.css', bytes: 28, content_type: 'text/css; charset=utf-8' },
        { path: 'img/a.png', bytes: PNG.byteLength, content_type: 'image/png' },
      ],
      created_at: expect.any(String),
    });
    const second = await put('checkout', FORM());
    expect(second.json.version).toBe(2);
    expect(second.json.id).not.toBe(first.json.id);
    expect((await api(sb, 'GET', '/v1/forms/checkout')).json).toEqual(second.json);
    expect((await api(sb, 'GET', '/v1/forms')).json.data.map((f: Json) => [f.name, f.version])).toContainEqual([
      'checkout',
      2,
    ]);
  });

  it('refuses a bad form with INVALID_FORM and every problem', async () => {
    const { status, json } = await put(
      'bad',
      zipOf({ 'form.html': '<script>x</script>', 'form.css': '@import "https://evil.example/a.css";' }),
    );
    expect(status).toBe(400);
    expect(json.error_code).toBe('INVALID_FORM');
    expect(json.errors).toEqual([
      { file: 'form.html', line: 1, reason: expect.stringContaining('<script>') },
      { file: 'form.html', line: 0, reason: expect.stringContaining('<cs-cvn>') },
      { file: 'form.css', line: 1, reason: expect.stringContaining('@import') },
    ]);
    expect((await api(sb, 'GET', '/v1/forms/bad')).status).toBe(404);
  });

  it('refuses a bad name, another media type, and a body over the cap', async () => {
    expect((await put('Bad.Name', FORM())).json.error_code).toBe('API_VALIDATION_ERROR');
    expect((await put('ok', FORM(), { type: 'application/json' })).status).toBe(415);
    // Refused while still arriving: the connection closes, so the unread rest is never a request.
    expect((await put('ok', new Uint8Array(2 * 1024 * 1024))).status).toBe(413);
    const noKey = await fetch(`${sb.origin}/v1/forms/ok`, { method: 'PUT', body: FORM() });
    expect(noKey.status).toBe(401);
  });

  it('keeps each key to its own forms', async () => {
    await put('mine', FORM());
    expect((await put('mine', FORM(), { key: OTHER_KEY })).json.version).toBe(1);
    const other = await fetch(`${sb.origin}/v1/forms/checkout`, { headers: { Authorization: basic(OTHER_KEY) } });
    expect(other.status).toBe(404);
  });

  it('serves the files of a version, immutable, never sniffed, same-origin only; never the template', async () => {
    const { json } = await put('files', FORM());
    const css = await fetch(`${sb.origin}/v1/frames/forms/${json.id}/form.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    expect(css.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(css.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const png = await fetch(`${sb.origin}/v1/frames/forms/${json.id}/img/a.png`);
    expect([png.headers.get('content-type'), new Uint8Array(await png.arrayBuffer())]).toEqual(['image/png', PNG]);
    expect((await fetch(`${sb.origin}/v1/frames/forms/${json.id}/form.html`)).status).toBe(404);
    expect((await fetch(`${sb.origin}/v1/frames/forms/${json.id}/nope.png`)).status).toBe(404);
    expect((await fetch(`${sb.origin}/v1/frames/forms/form_000/form.css`)).status).toBe(404);
  });

  it('pins the current version in a session; a deleted form keeps rendering for it, later sessions cannot name it', async () => {
    const v1 = (await put('pinned', FORM())).json;
    expect((await createSession(sb, withForm('pinned'))).cards_session_js.form).toBe('pinned');
    await put('pinned', FORM());
    const deleted = await fetch(`${sb.origin}/v1/forms/pinned`, {
      method: 'DELETE',
      headers: { Authorization: BASIC },
    });
    expect([deleted.status, await deleted.text()]).toEqual([204, '']);
    expect((await api(sb, 'GET', '/v1/forms/pinned')).status).toBe(404);
    expect((await api(sb, 'DELETE', '/v1/forms/pinned')).status).toBe(404);
    const refused = await api(sb, 'POST', '/v1/sessions', sessionBody(withForm('pinned')));
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error_code: 'INVALID_FORM', errors: [] });
    expect(refused.json.message).toContain('pinned');
    expect((await fetch(`${sb.origin}/v1/frames/forms/${v1.id}/form.css`)).status).toBe(200);
    // A new upload after deletion is a new live form, numbered after every earlier version.
    expect((await put('pinned', FORM())).json.version).toBe(3);
  });

  it('answers form: null for a session without a form', async () => {
    expect((await createSession(sb)).cards_session_js.form).toBeNull();
  });
});

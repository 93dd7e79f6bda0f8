import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG, WOFF2, zipOf } from './forms/test-zip';
import { BASIC, start, type TestSandbox } from './test-helpers';

// The route that serves a form's files to the frame, attacked with encoded traversal: it answers
// a file of the version named, by its exact stored path, with the type checked at upload and a
// CSP under which nothing runs or loads, or 404; the template itself is never served.

let sb: TestSandbox;
let id: string;
let other: string;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
const TEMPLATE = '<img src="img/a.png" alt=""><img src="b.svg" alt=""><label for="cvn">x</label><cs-cvn></cs-cvn>';

async function upload(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const res = await fetch(`${sb.origin}/v1/forms/${name}`, {
    method: 'PUT',
    headers: { Authorization: BASIC, 'Content-Type': 'application/zip' },
    body: zipOf(files),
  });
  return ((await res.json()) as { id: string }).id;
}

/** GET of `path` exactly as written: no client-side URL normalization. */
function rawGet(path: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(sb.origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('latin1'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  sb = await start();
  const files = { 'form.html': TEMPLATE, 'form.css': 'p{color:red}', 'img/a.png': PNG, 'b.svg': SVG, 'f.woff2': WOFF2 };
  id = await upload('served', files);
  other = await upload('other', { ...files, 'form.css': 'p{color:blue}' });
});
afterAll(() => sb.stop());

describe('form files as served', () => {
  it.each([
    ['form.css', 'text/css; charset=utf-8'],
    ['img/a.png', 'image/png'],
    ['img%2fa.png', 'image/png'],
    ['b.svg', 'image/svg+xml'],
    ['f.woff2', 'font/woff2'],
  ])('serves %s as %s, never sniffed, under a CSP that runs and loads nothing', async (path, type) => {
    const res = await rawGet(`/v1/frames/forms/${id}/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; .*sandbox$/);
  });

  it.each([
    'form.html',
    'form%2ehtml',
    'FORM.html',
    'form.html%00',
    'form.html%20',
    '.%2fform.html',
    '%2e%2fform.html',
    'img/..%2fform.html',
    'img%2f%2e%2e%2fform.html',
    '%252e%252e%252fform.html',
    '..%5cform.css',
    '%2e%2e%2f%2e%2e%2fv1%2fforms',
    '..%2f..%2f..%2fpackage.json',
    '%2fetc%2fpasswd',
    'IMG/A.PNG',
  ])('answers 404 for %s', async (path) => {
    const res = await rawGet(`/v1/frames/forms/${id}/${path}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('cs-cvn');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it.each([
    (a: string, b: string) => `/v1/frames/forms/${a}/..%2f${b}%2fform.css`,
    (a: string, b: string) => `/v1/frames/forms/${a}%2f..%2f${b}/form.css`,
    (a: string, b: string) => `/v1/frames/forms/${a}/%252e%252e/${b}/form.css`,
  ])('reaches no other version through one version’s route (%#)', async (path) => {
    const res = await rawGet(path(id, other));
    expect(res.body).not.toContain('blue');
    expect([400, 404]).toContain(res.status);
  });

  it.each(['img/..\\form.css', 'img/../form.css', 'img/%2e%2e/form.css'])(
    'reads %s as a browser does (the URL parser folds it to this version’s own form.css)',
    async (path) => {
      const res = await rawGet(`/v1/frames/forms/${id}/${path}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe('p{color:red}');
    },
  );

  it('answers 400 for malformed percent-encoding, naming nothing of the store', async () => {
    const res = await rawGet(`/v1/frames/forms/${id}/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('cs-cvn');
  });

  it('answers a template nested 20 000 deep with 400 INVALID_FORM, not a crash', async () => {
    const deep = '<div>'.repeat(20_000) + '</div>'.repeat(20_000);
    const res = await fetch(`${sb.origin}/v1/forms/deep`, {
      method: 'PUT',
      headers: { Authorization: BASIC, 'Content-Type': 'application/zip' },
      body: zipOf({ 'form.html': `<cs-cvn></cs-cvn>${deep}` }),
    });
    const json = (await res.json()) as { error_code: string; errors: { file: string; reason: string }[] };
    expect(res.status).toBe(400);
    expect(json.error_code).toBe('INVALID_FORM');
    expect(json.errors).toEqual([
      { file: 'form.html', line: 1, reason: expect.stringContaining('nested deeper than 128') },
    ]);
  });
});

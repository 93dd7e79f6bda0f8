import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MERCHANT,
  api,
  clientToken,
  createSession,
  jsonOf,
  pay,
  start,
  type Json,
  type TestSandbox,
} from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

/** A payment request awaiting its 3-D Secure challenge. */
async function awaiting(): Promise<{ pr: string; url: string }> {
  const { payment_session_id: id } = await createSession(sb);
  const { status, json } = await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' });
  expect(status).toBe(200);
  return { pr: json.payment_request_id, url: json.action_url };
}

const modal = (origin: string) => new URLSearchParams({ mode: 'modal', origin }).toString();

const answer = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });

/** The CSP header as a map of directive to value. */
function policy(res: Response): Map<string, string> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header.split(';').map((d) => {
      const [name = '', ...value] = d.trim().split(/\s+/);
      return [name, value.join(' ')];
    }),
  );
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The modal result page: its JSON data block and its one inline script. */
function resultPage(html: string): { data: Json; script: string; style: string } {
  const data = /<script id="result" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  expect(data).toBeDefined();
  expect(scripts).toHaveLength(1);
  expect(style).toBeDefined();
  return { data: JSON.parse(data ?? 'null'), script: scripts[0] ?? '', style: style ?? '' };
}

describe('3-D Secure in modal mode', () => {
  it('serves the challenge framable by the merchant origin only, with the modal fields in the form', async () => {
    const { pr, url } = await awaiting();
    const res = await fetch(`${url}?${modal(MERCHANT)}`);
    expect(res.status).toBe(200);
    const csp = policy(res);
    expect(csp.get('frame-ancestors')).toBe(MERCHANT);
    expect(csp.get('script-src')).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(csp.get('default-src')).toBe("'none'");
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="/v1/3ds/${pr}">`);
    expect(html).toContain('<input type="hidden" name="mode" value="modal">');
    expect(html).toContain(`<input type="hidden" name="origin" value="${MERCHANT}">`);
    // Whatever the challenge runs inline is allowed by hash, and speaks only to the merchant origin.
    for (const m of html.matchAll(/<script>([\s\S]*?)<\/script>/g))
      expect(csp.get('script-src')).toBe(sha256(m[1] ?? ''));
    for (const m of html.matchAll(/<script id="result" type="application\/json">([\s\S]*?)<\/script>/g)) {
      expect(JSON.parse(m[1] ?? 'null').origin).toBe(MERCHANT);
    }
    expect(html).not.toMatch(/<script(?! id="result" type="application\/json">)(?!>)/);
  });

  it('ends with a page that tells the merchant origin SUCCEEDED, its script allowed by hash', async () => {
    const { pr, url } = await awaiting();
    const get = await fetch(`${url}?${modal(MERCHANT)}`);
    const res = await answer(url, { code: '1234', action: 'authenticate', mode: 'modal', origin: MERCHANT });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const { data, script, style } = resultPage(await res.text());
    expect(data).toEqual({
      message: { type: 'cards-session:3ds-result', payment_request_id: pr, status: 'SUCCEEDED' },
      origin: MERCHANT,
    });
    const csp = policy(res);
    expect(csp.get('script-src')).toBe(sha256(script));
    expect(csp.get('style-src')).toBe(sha256(style));
    expect(csp.get('frame-ancestors')).toBe(MERCHANT);
    // The challenge page announced the same hash.
    expect(policy(get).get('script-src')).toBe(sha256(script));
    expect(script).toContain('postMessage(d.message,d.origin)');
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.status).toBe('SUCCEEDED');
  });

  it('shows the challenge again after a wrong code, and tells FAILED after the last one', async () => {
    const { pr, url } = await awaiting();
    const wrong = { code: '9999', action: 'authenticate', mode: 'modal', origin: MERCHANT };
    for (const left of ['2 tries left', '1 try left']) {
      const again = await answer(url, wrong);
      expect(again.status).toBe(422);
      // Still the modal challenge: framable by the merchant only, the modal fields kept, ready told again.
      expect(policy(again).get('frame-ancestors')).toBe(MERCHANT);
      const html = await again.text();
      expect(html).toContain(`<input type="hidden" name="origin" value="${MERCHANT}">`);
      expect(html).toContain(`That code is not correct. ${left}.`);
      expect(html).toContain('"type":"cards-session:3ds-ready"');
    }
    const res = await answer(url, wrong);
    expect(res.status).toBe(200);
    const { data } = resultPage(await res.text());
    expect(data).toEqual({
      message: { type: 'cards-session:3ds-result', payment_request_id: pr, status: 'FAILED' },
      origin: MERCHANT,
    });
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json).toMatchObject({
      status: 'FAILED',
      failure_code: 'AUTHENTICATION_FAILED',
    });
  });

  it.each([
    ['not in allowed_origins', 'https://evil.example'],
    ['a look-alike', 'http://127.0.0.1:4301'],
    ['malformed', 'not an origin'],
    ['with a path', `${MERCHANT}/`],
    ['"null"', 'null'],
    ['missing', ''],
  ])('refuses an origin that is %s with 403 ORIGIN_NOT_ALLOWED', async (_, origin) => {
    const { pr, url } = await awaiting();
    const get = await fetch(`${url}?${modal(origin)}`);
    expect(get.status).toBe(403);
    expect((await jsonOf(get)).error_code).toBe('ORIGIN_NOT_ALLOWED');
    const post = await answer(url, { code: '1234', action: 'authenticate', mode: 'modal', origin });
    expect(post.status).toBe(403);
    expect((await jsonOf(post)).error_code).toBe('ORIGIN_NOT_ALLOWED');
    // The refused answer decided nothing.
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.status).toBe('REQUIRES_ACTION');
  });

  it("keeps redirect mode unframable and script-free: frame-ancestors 'none', script-src 'none'", async () => {
    const { url } = await awaiting();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const csp = policy(res);
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'none'");
    const html = await res.text();
    expect(html).not.toContain('name="mode"');
    expect(html).not.toContain('name="origin"');
    const done = await answer(url, { code: '1234', action: 'authenticate' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://127.0.0.1:4300/success');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFormBody } from './forms/render';
import { PNG, zipOf } from './forms/test-zip';
import { BASIC, MERCHANT, createSession, loadFrame, sessionBody, start, type TestSandbox } from './test-helpers';

// The frame document of a session with a custom form: the template rendered from its parsed tree,
// placeholders filled as text, our script and config, the form's stylesheet from the gateway, and
// a CSP that names no host but the gateway's own.

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

const TEMPLATE = `<!doctype html><html><head><title>Shop</title></head><body>
<!-- kept out of the frame -->
<section class="pay"><img src="img/logo.png" alt="Shop"><h2>{{brand}} ending {{last4}}</h2>
<p>Total {{ amount }} {{currency}} &lt;b&gt;</p><label for="cvn">{{label}}</label><cs-cvn></cs-cvn>
<small title="{{help}}">{{help_text}}</small></section></body></html>`;

async function upload(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const res = await fetch(`${sb.origin}/v1/forms/${name}`, {
    method: 'PUT',
    headers: { Authorization: BASIC, 'Content-Type': 'application/zip' },
    body: zipOf(files),
  });
  const json = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(JSON.stringify(json));
  return json.id;
}
const withForm = (form: string) => ({ cards_session_js: { ...(sessionBody().cards_session_js as object), form } });
const FILES = { 'form.html': TEMPLATE, 'form.css': '.pay{background:url(img/logo.png)}', 'img/logo.png': PNG };

describe('the frame document of a custom form', () => {
  it('renders the template with the session’s values as text, our script and the form’s stylesheet', async () => {
    const id = await upload('shop', FILES);
    const session = await createSession(sb, withForm('shop'));
    const { res, html, config } = await loadFrame(sb, session.payment_session_id);
    expect(res.status).toBe(200);
    expect(config.session).toBe(session.payment_session_id);
    expect(html).toContain(`<link rel="stylesheet" href="/v1/frames/forms/${id}/form.css">`);
    expect(html).toContain('<script src="/assets/0.0.0-test/frame.js"');
    const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    expect(body).toContain(`<img src="/v1/frames/forms/${id}/img/logo.png" alt="Shop">`);
    expect(body).toContain('<h2>visa ending 1091</h2>');
    expect(body).toContain('<p>Total 250,000 IDR &lt;b&gt;</p>');
    expect(body).toContain('<label for="cvn">Card security code</label><cs-cvn></cs-cvn>');
    expect(body).toContain('<small title="What is the security code?">The 3-digit code printed on the back');
    expect(body).not.toContain('kept out of the frame');
    expect(body).not.toContain('{{');
  });

  it('sends a CSP naming no host: styles, images and fonts from the gateway itself only', async () => {
    await upload('csp', FILES);
    const session = await createSession(sb, withForm('csp'));
    const fonts = JSON.stringify([{ family: 'X', src: 'https://fonts.example/x.woff2' }]);
    const res = await fetch(
      `${sb.origin}/v1/frames/cvn?${new URLSearchParams({ session: session.payment_session_id, origin: MERCHANT, fonts })}`,
    );
    const policy = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      policy.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['style-src']).toEqual([expect.stringMatching(/^'sha256-/), "'self'"]);
    expect(directives['img-src']).toEqual(["'self'"]);
    expect(directives['font-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual([MERCHANT]);
    const { 'frame-ancestors': _, 'report-uri': __, ...fetching } = directives;
    expect(
      Object.values(fetching)
        .flat()
        .filter((s) => !/^'[A-Za-z0-9+/=-]+'$/.test(s)),
    ).toEqual([]);
  });

  it('keeps rendering the version a session pinned after a new upload and a delete', async () => {
    const v1 = await upload('pinned', FILES);
    const session = await createSession(sb, withForm('pinned'));
    const v2 = await upload('pinned', { ...FILES, 'form.html': TEMPLATE.replace('Total', 'Sum') });
    const deleted = await fetch(`${sb.origin}/v1/forms/pinned`, {
      method: 'DELETE',
      headers: { Authorization: BASIC },
    });
    expect(deleted.status).toBe(204);
    const { html } = await loadFrame(sb, session.payment_session_id);
    expect(html).toContain(`/v1/frames/forms/${v1}/form.css`);
    expect(html).not.toContain(v2);
    expect(html).toContain('Total');
  });

  it('renders the default frame for a session without a form', async () => {
    const session = await createSession(sb);
    const { res, html } = await loadFrame(sb, session.payment_session_id);
    expect(html).toContain('<body></body>');
    expect(res.headers.get('content-security-policy')).not.toContain('img-src');
  });
});

describe('renderFormBody', () => {
  it('serializes the parsed tree: text stays text, attributes stay quoted', () => {
    const body = renderFormBody(
      '<p title="a&quot;b">x &lt;script&gt; {{currency}}</p><cs-cvn></cs-cvn>',
      { brand: 'visa', last4: '1111', amount: 1, currency: 'IDR', locale: 'id' },
      '/v1/frames/forms/f/',
    );
    expect(body).toBe('<p title="a&quot;b">x &lt;script&gt; IDR</p><cs-cvn></cs-cvn>');
  });
});

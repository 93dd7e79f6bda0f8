import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FRAME_TEMPLATE,
  MERCHANT,
  api,
  createSession,
  frameConfig,
  jsonOf,
  loadFrame,
  start,
  withCard,
  type TestSandbox,
} from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

/** The CSP header as a directive → value map. */
function cspOf(res: Response): Record<string, string> {
  const header = res.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header.split(';').map((d) => {
      const [name = '', ...value] = d.trim().split(/\s+/);
      return [name, value.join(' ')];
    }),
  );
}

const rawFrame = (query: Record<string, string>) => fetch(`${sb.origin}/v1/frames/cvn?${new URLSearchParams(query)}`);

describe('GET /v1/frames/cvn for an ACTIVE session', () => {
  it('carries the strict frame headers, framed only by the session origin', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const { res } = await loadFrame(sb, id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = cspOf(res);
    expect(csp['default-src']).toBe("'none'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['connect-src']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe(MERCHANT);
    expect(csp['base-uri']).toBe("'none'");
    expect(csp['form-action']).toBe("'none'");
    expect(csp['require-trusted-types-for']).toBe("'script'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(FRAME_TEMPLATE)?.[1] ?? '';
    expect(csp['style-src']).toBe(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('timing-allow-origin')).toBe(MERCHANT);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('embeds origin, brand, locale, expiry and a client token as JSON data, not script', async () => {
    const session = await createSession(sb, { ...withCard('cpt-amex-challenge'), locale: 'id' });
    const { html, config } = await loadFrame(sb, session.payment_session_id);
    expect(html).toContain('<script id="cs-config" type="application/json">');
    expect(html).toContain('<html lang="id">');
    expect(html).toMatch(
      /<script src="\/assets\/0\.0\.0-test\/frame\.js" integrity="sha384-[A-Za-z0-9+/=]+" defer><\/script>/,
    );
    expect(config).toMatchObject({
      origin: MERCHANT,
      session: session.payment_session_id,
      brand: 'amex',
      locale: 'id',
      expires_at: session.expires_at,
    });
    expect(config.client_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(config).not.toHaveProperty('error');
  });

  it('hands out a new client token on each load', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const a = await loadFrame(sb, id);
    const b = await loadFrame(sb, id);
    expect(a.config.client_token).not.toBe(b.config.client_token);
  });
});

describe('GET /v1/frames/cvn refusals', () => {
  it('names DATA_NOT_FOUND for an unknown session, to the asking origin only', async () => {
    const { res, config } = await loadFrame(sb, 'ps-does-not-exist');
    expect(res.status).toBe(404);
    expect(config.error.code).toBe('DATA_NOT_FOUND');
    expect(config.origin).toBe(MERCHANT);
    expect(config).not.toHaveProperty('client_token');
    expect(cspOf(res)['frame-ancestors']).toBe(MERCHANT);
  });

  it('names SESSION_EXPIRED once the session expired', async () => {
    const { payment_session_id: id } = await createSession(sb, {
      expires_at: new Date(Date.now() + 1000).toISOString(),
    });
    await new Promise((r) => setTimeout(r, 1100));
    const { res, config } = await loadFrame(sb, id);
    expect(res.status).toBe(410);
    expect(config.error.code).toBe('SESSION_EXPIRED');
    expect(config).not.toHaveProperty('client_token');
  });

  it('names SESSION_NOT_ACTIVE for a canceled session', async () => {
    const { payment_session_id: id } = await createSession(sb);
    expect((await api(sb, 'POST', `/v1/sessions/${id}/cancel`)).status).toBe(200);
    const { res, config } = await loadFrame(sb, id);
    expect(res.status).toBe(409);
    expect(config.error.code).toBe('SESSION_NOT_ACTIVE');
    expect(config).not.toHaveProperty('client_token');
  });

  it('refuses an origin outside allowed_origins with 403, framed by that origin only', async () => {
    const session = await createSession(sb);
    const other = 'https://evil.example';
    const { res, config } = await loadFrame(sb, session.payment_session_id, other);
    expect(res.status).toBe(403);
    expect(config.error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(config).not.toHaveProperty('client_token');
    expect(config).not.toHaveProperty('brand');
    expect(cspOf(res)['frame-ancestors']).toBe(other);
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it.each([['http://a/b'], ['null'], ['*'], ['']])(
    "answers an invalid origin %j with frame-ancestors 'none'",
    async (origin) => {
      const { payment_session_id: id } = await createSession(sb);
      const res = await rawFrame({ session: id, origin });
      expect(res.status).toBe(400);
      const config = frameConfig(await res.text());
      expect(config.error.code).toBe('API_VALIDATION_ERROR');
      expect(config.origin).toBeNull();
      expect(config).not.toHaveProperty('client_token');
      expect(cspOf(res)['frame-ancestors']).toBe("'none'");
      expect(res.headers.get('timing-allow-origin')).toBeNull();
    },
  );

  it.each([
    ['</script>', 'ps-</script><script>alert(1)</script>'],
    ["$' and $&", "ps-$'$&$`"],
  ])('keeps a session id with %s inside the JSON block', async (_, id) => {
    const res = await rawFrame({ session: id, origin: MERCHANT });
    expect(res.status).toBe(404);
    const html = await res.text();
    // Only the template's two </script> tags: the id did not close the data block.
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    const config = frameConfig(html);
    expect(config.error.message).toBe(`No payment session ${id}`);
    // The rest of the template survived the substitution.
    expect(html).toMatch(
      /<script src="\/assets\/0\.0\.0-test\/frame\.js" integrity="sha384-[^"]+" defer><\/script>\n<\/head>/,
    );
    expect(html.endsWith('</html>\n')).toBe(true);
  });
});

describe('assets', () => {
  it('publishes versioned URLs with SRI hashes, and serves them immutable', async () => {
    const manifest = await jsonOf(await fetch(`${sb.origin}/assets/manifest.json`));
    expect(Object.keys(manifest.assets).sort()).toEqual(['cards-session.min.js', 'frame.js']);
    const loader = manifest.assets['cards-session.min.js'];
    expect(loader.url).toBe(`${sb.origin}/assets/0.0.0-test/cards-session.min.js`);
    const res = await fetch(loader.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(loader.integrity).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
  });

  it.each(['/assets/9.9.9/frame.js', '/assets/0.0.0-test/frame.html', '/assets/0.0.0-test/nope.js'])(
    'answers 404 for %s',
    async (path) => {
      expect((await fetch(`${sb.origin}${path}`)).status).toBe(404);
    },
  );
});

describe('asset compression', () => {
  it('serves the loader brotli or gzip compressed when asked, identical once decoded', async () => {
    const { assets } = (await (await fetch(`${sb.origin}/assets/manifest.json`)).json()) as {
      assets: Record<string, { url: string }>;
    };
    const url = assets['cards-session.min.js']?.url ?? '';
    expect(url).toMatch(/^http:\/\/localhost:\d+\/assets\/0\.0\.0-test\/cards-session\.min\.js$/);
    const { request } = await import('node:http');
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const plain = await raw('identity');
    const br = await raw('gzip, deflate, br');
    const gz = await raw('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });
});

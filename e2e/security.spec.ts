import { expect, test, type Frame, type Page } from '@playwright/test';
import { createSession, openCheckout } from './checkout';
import { servers } from './env';
import { gatewayGet, mountExtra } from './page-sdk';

// Security invariants 3, 6 and 9 (docs/architecture.md) seen from real browsers: the frame
// refuses to be shown by an origin its session does not allow, whatever that origin claims;
// script injected into the frame is blocked and reported to the gateway; a loader whose bytes
// differ from the published integrity does not run.

const FOREIGN = 'https://shop.example';
const CHANNEL = '0123456789abcdef0123456789abcdef';

/** The frame document URL the SDK would build, for any session and claimed origin. */
function frameUrl(session: string, origin: string): string {
  return `${servers.gateway}/v1/frames/cvn?${new URLSearchParams({ session, origin })}#channel=${CHANNEL}&v=1`;
}

/** Inserts `<iframe id={id} src={src}>` into the page and resolves once its load event fired. */
async function insertFrame(page: Page, id: string, src: string): Promise<Frame> {
  await page.evaluate(
    ({ id, src }) =>
      new Promise<void>((resolve, reject) => {
        const iframe = document.createElement('iframe');
        iframe.id = id;
        iframe.src = src;
        iframe.addEventListener('load', () => resolve(), { once: true });
        setTimeout(() => reject(new Error(`no load event from #${id} in 10 s`)), 10_000);
        document.body.append(iframe);
      }),
    { id, src },
  );
  const frame = await (await page.locator(`#${id}`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`#${id} has no frame`);
  return frame;
}

interface CspReport {
  document_uri: string;
  effective_directive: string;
  blocked_uri: string;
  disposition: string;
}

/** How many reports the gateway holds that match `wanted`. */
async function countReports(wanted: Partial<CspReport>): Promise<number> {
  const { reports } = await gatewayGet<{ reports: CspReport[] }>('/v1/csp-reports');
  return reports.filter((r) => Object.entries(wanted).every(([k, v]) => r[k as keyof CspReport] === v)).length;
}

test.describe('a page whose origin the session does not allow cannot show the frame', () => {
  test('not even by claiming an allowed origin in the frame URL', async ({ page, browserName }) => {
    await openCheckout(page);
    // Control: the same insertion, honest, for a session that allows this page, renders the input.
    const honest = await insertFrame(page, 'honest', frameUrl(await createSession(), servers.merchant));
    await expect(honest.locator('#cvn')).toBeVisible();

    // The gateway believes the claim and answers 200 with `frame-ancestors https://shop.example`;
    // the browser, which knows the real parent, refuses to render it.
    const session = await createSession({ allowed_origins: [FOREIGN] });
    // The reports each browser sends for it differ: Chromium names only the gateway's origin,
    // Firefox the frame URL (and the embedding page as `referrer`, which the gateway drops).
    const reported: Partial<CspReport> =
      browserName === 'chromium'
        ? {
            document_uri: `${servers.gateway}/`,
            effective_directive: 'frame-ancestors',
            blocked_uri: `${servers.gateway}/`,
          }
        : { document_uri: `${servers.gateway}/v1/frames/cvn`, effective_directive: 'frame-ancestors', blocked_uri: '' };
    const before = await countReports(reported);
    const forged = await insertFrame(page, 'forged', frameUrl(session, FOREIGN));
    // What each browser puts in place of the refused document.
    expect(forged.url()).toMatch(
      browserName === 'chromium' ? /^chrome-error:\/\/chromewebdata\/$/ : /^about:neterror\?e=cspBlocked&/,
    );
    // Given time to run, nothing of the frame's own script does: no input, ever.
    await page.waitForTimeout(2000);
    expect(await forged.locator('#cvn').count()).toBe(0);
    expect(await forged.evaluate(() => document.querySelector('script[src*="/frame.js"]'))).toBeNull();
    await expect.poll(() => countReports(reported), { timeout: 10_000 }).toBeGreaterThan(before);
  });

  test('and through the SDK, which names its real origin, mount rejects ORIGIN_NOT_ALLOWED', async ({ page }) => {
    await openCheckout(page);
    const session = await createSession({ allowed_origins: [FOREIGN] });
    const outcome = await mountExtra(page, 'foreign', { paymentSessionId: session });
    expect(outcome).toMatchObject({ ok: false, code: 'ORIGIN_NOT_ALLOWED' });
    await expect(page.frameLocator('#foreign iframe').locator('#cvn')).toHaveCount(0);
  });
});

test('script injected into the frame is blocked by Trusted Types, and reported to the gateway', async ({
  page,
  browserName,
}) => {
  await openCheckout(page);
  const frame = await (await page.locator('#cvn iframe').elementHandle())?.contentFrame();
  if (!frame) throw new Error('no frame');
  expect(frame.url()).toMatch(new RegExp(`^${servers.gateway}/v1/frames/cvn\\?`));

  const reported = {
    document_uri: `${servers.gateway}/v1/frames/cvn`,
    effective_directive: 'require-trusted-types-for',
    blocked_uri: 'trusted-types-sink',
    disposition: 'enforce',
  };
  const before = await countReports(reported);
  // Watched, not intercepted: the report goes to the gateway untouched.
  const sent = page.waitForRequest((r) => r.url() === `${servers.gateway}/v1/csp-reports` && r.method() === 'POST', {
    timeout: 10_000,
  });

  type Probe = { __violations: { directive: string; blocked: string; disposition: string }[]; __pwned?: number };
  const threw = await frame.evaluate(() => {
    const w = window as unknown as Probe;
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition }),
    );
    try {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned=1';
      document.body.append(s);
      return null;
    } catch (err) {
      return String(err);
    }
  });
  // Both browsers refuse the string at the `textContent` setter (`require-trusted-types-for
  // 'script'`, no policy defined), before `script-src 'self'` would have to: the script never
  // gets its text, let alone runs.
  expect(threw).toMatch(/^TypeError: /);
  await expect
    .poll(() => frame.evaluate(() => (window as unknown as Probe).__violations))
    .toEqual([{ directive: 'require-trusted-types-for', blocked: 'trusted-types-sink', disposition: 'enforce' }]);
  expect(await frame.evaluate(() => (window as unknown as Probe).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as Probe).__pwned)).toBeUndefined();

  // The browser posts the report to report-uri. Chromium shows the request body to Playwright:
  // it is this frame's own report, full document URL included. Firefox does not (postData() is
  // null for it), so there only the gateway's side is checked.
  const request = await sent;
  if (browserName === 'chromium') {
    const body = JSON.parse(request.postData() ?? '{}')['csp-report'];
    expect(body['document-uri']).toBe(frame.url().split('#')[0]);
    expect(body['effective-directive']).toBe('require-trusted-types-for');
  } else {
    expect(request.postData()).toBeNull();
  }
  expect(request.headers()['content-type']).toBe('application/csp-report');
  // The gateway lists it, without the session id and merchant origin the frame URL holds.
  await expect.poll(() => countReports(reported), { timeout: 10_000 }).toBeGreaterThan(before);
  const { reports } = await gatewayGet<{ reports: CspReport[] }>('/v1/csp-reports');
  expect(JSON.stringify(reports)).not.toContain(new URL(frame.url()).searchParams.get('session') ?? 'no session');
});

test.describe('Subresource Integrity on the published loader', () => {
  let loader: { url: string; integrity: string };
  test.beforeAll(async () => {
    const manifest = (await (await fetch(`${servers.gateway}/assets/manifest.json`)).json()) as {
      assets: Record<string, { url: string; integrity: string }>;
    };
    const entry = manifest.assets['cards-session.min.js'];
    if (!entry) throw new Error('no loader published');
    loader = entry;
    expect(loader.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  /**
   * A page of the example checkout without the loader (its not-found page: same CSP, which
   * allows the gateway's scripts), with `<script src integrity crossorigin>` inserted; resolves
   * which of `load` and `error` fired.
   */
  async function insertLoader(page: Page, src: string, integrity: string | null): Promise<'load' | 'error'> {
    return page.evaluate(
      ({ src, integrity }) =>
        new Promise<'load' | 'error'>((resolve) => {
          const script = document.createElement('script');
          script.src = src;
          if (integrity) script.integrity = integrity;
          script.crossOrigin = 'anonymous';
          script.onload = () => resolve('load');
          script.onerror = () => resolve('error');
          document.head.append(script);
        }),
      { src, integrity },
    );
  }

  type Loaded = { CardsSession?: { init?: unknown }; __tampered?: number };
  const openBlankCheckoutPage = async (page: Page) => {
    await page.goto('/no-loader-here');
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
    expect(await page.evaluate(() => typeof (window as unknown as Loaded).CardsSession)).toBe('undefined');
  };

  test('the published bytes load with their integrity', async ({ page }) => {
    await openBlankCheckoutPage(page);
    expect(await insertLoader(page, loader.url, loader.integrity)).toBe('load');
    expect(await page.evaluate(() => typeof (window as unknown as Loaded).CardsSession?.init)).toBe('function');
  });

  test('tampered bytes with the published integrity are refused and never run', async ({ page }) => {
    const path = new URL(loader.url).pathname;
    let served = 0;
    await page.route(
      (url) => url.pathname === path,
      async (route) => {
        const response = await route.fetch();
        // Decoded by route.fetch(): drop the encoding headers along with the original body.
        const headers = Object.fromEntries(
          Object.entries(response.headers()).filter(([name]) => !/^content-(encoding|length)$/i.test(name)),
        );
        served += 1;
        await route.fulfill({
          status: response.status(),
          body: `${await response.text()}\n;window.__tampered=1`,
          headers: { ...headers, 'access-control-allow-origin': '*' },
        });
      },
    );
    await openBlankCheckoutPage(page);
    expect(await insertLoader(page, loader.url, loader.integrity)).toBe('error');
    expect(served).toBe(1);
    expect(await page.evaluate(() => (window as unknown as Loaded).__tampered)).toBeUndefined();
    expect(await page.evaluate(() => typeof (window as unknown as Loaded).CardsSession)).toBe('undefined');

    // Control: the same tampered bytes without an integrity attribute do run, so it was the
    // integrity check, not the route, that stopped them.
    expect(await insertLoader(page, `${loader.url}?without-integrity`, null)).toBe('load');
    expect(served).toBe(2);
    expect(await page.evaluate(() => (window as unknown as Loaded).__tampered)).toBe(1);
  });
});

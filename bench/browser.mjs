// One measured page load per call, each in a fresh browser context (its own empty HTTP cache,
// so the loader is fetched every time).
import { chromium, firefox } from '@playwright/test';
import { chromiumOptions, firefoxOptions } from '../scripts/browsers.mjs';
import { floorSubmitVsFetch, submitVsFetch } from './submit.mjs';

export async function launch(name) {
  if (name === 'chromium') return chromium.launch(chromiumOptions());
  if (name === 'firefox') {
    // Full-precision clocks: Firefox otherwise rounds performance.now() to whole milliseconds.
    const { channel, launchOptions } = firefoxOptions({ 'privacy.reduceTimerPrecision': false });
    return firefox.launch({ ...launchOptions, ...(channel ? { channel } : {}) });
  }
  throw new Error(`unknown browser ${name}`);
}

async function fresh(browser, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1)
    await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const requests = [];
  context.on('request', (request) => requests.push({ request, seen: Date.now() }));
  return { context, page, requests };
}

// Which requests happened before `ready`, by who asked (the merchant page or the frame) and where.
function classify(requests, page, readyEpoch, merchant, gateway) {
  const rows = requests.map(({ request, seen }) => {
    const url = new URL(request.url());
    let start = request.timing().startTime;
    if (!(start > 0)) start = seen;
    return {
      href: url.href,
      url: url.origin + url.pathname,
      site: url.origin === merchant ? 'merchant' : url.origin === gateway ? 'gateway' : 'other',
      by: request.frame() === page.mainFrame() ? 'page' : 'frame',
      navigation: request.isNavigationRequest(),
      beforeReady: start <= readyEpoch,
    };
  });
  const before = rows.filter((r) => r.beforeReady);
  const count = (f) => before.filter(f).length;
  return {
    total: before.length,
    merchant: count((r) => r.site === 'merchant'),
    gateway: count((r) => r.site === 'gateway'),
    other: count((r) => r.site === 'other'),
    byFrame: count((r) => r.by === 'frame'),
    // A call to the API from the merchant page itself; the frame document is the frame's navigation.
    pageApiCalls: count((r) => r.by === 'page' && r.site === 'gateway' && new URL(r.url).pathname.startsWith('/v1/')),
    afterReady: rows.length - before.length,
    urls: before.map((r) => `${r.by} ${r.url}`),
    // The network log the sizes are measured from: every file loaded before `ready`.
    loaded: before
      .filter((r) => /^https?:/.test(r.href))
      .map(({ by, href, navigation }) => ({ by, url: href, navigation })),
  };
}

// The frame's own navigation and script timings, moved onto the merchant page's clock (both
// are wall-clock based, good to a fraction of a millisecond across processes).
async function frameTimeline(page, pageOrigin) {
  const frame = await (await page.$('#cvn iframe')).contentFrame();
  const t = await frame.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    // The frame's first script file (the floor's frame has none: its script is inline).
    const js = performance.getEntriesByType('resource').find((e) => e.initiatorType === 'script');
    const abs = (x) => (x === undefined || x === null ? null : performance.timeOrigin + x);
    return {
      responseEnd: abs(nav?.responseEnd),
      domInteractive: abs(nav?.domInteractive),
      dcl: abs(nav?.domContentLoadedEventEnd),
      jsStart: abs(js?.startTime),
      jsEnd: abs(js?.responseEnd),
    };
  });
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v === null ? null : v - pageOrigin]));
}

/**
 * A field page, `kind` 'sdk' or 'floor': ready times, loader evaluation, long tasks, requests;
 * then, optionally, submit vs fetch.
 */
export async function fieldRun(
  browser,
  kind,
  { merchant, gateway, floor, throttle = 1, settle = 1000, submit = null },
) {
  const { context, page, requests } = await fresh(browser, throttle);
  const frameOrigin = kind === 'sdk' ? gateway : floor;
  try {
    await page.goto(`${merchant}/${kind}?settle=${settle}`, { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => window.__bench.settled);
    const m = await page.evaluate(() => {
      const b = window.__bench;
      const resources = performance.getEntriesByType('resource');
      // The loader is the page's first script file, the frame the field's iframe, whatever their names.
      const loaderSrc = document.querySelector('head script[src]')?.src;
      const frameSrc = document.querySelector('#cvn iframe')?.src;
      const loader = resources.find((e) => e.name === loaderSrc);
      const frame = resources.find((e) => e.name === frameSrc);
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      const before = mark('cs-loader-before');
      const after = mark('cs-loader-after');
      const upTo = (b.ready ?? 0) + 1000;
      const tasks = b.longtasks
        .filter((t) => t.start <= upTo)
        .map((t) => ({ ...t, duringLoader: t.start < after && t.start + t.duration > before }));
      return {
        error: b.error ?? null,
        ready: b.ready ?? null,
        timeOrigin: performance.timeOrigin,
        loaderStart: loader?.startTime ?? null,
        loaderResponseEnd: loader?.responseEnd ?? null,
        loaderEval:
          loader && before !== undefined && after !== undefined ? after - Math.max(before, loader.responseEnd) : null,
        afterMark: after ?? null,
        frameStart: frame?.startTime ?? null,
        responseStart: nav?.responseStart ?? null,
        sessionCreate: nav?.serverTiming?.find((s) => s.name === 'session')?.duration ?? null,
        longtaskSupported: b.longtaskSupported,
        longestTask: b.longtaskSupported ? Math.max(0, ...tasks.map((t) => t.duration)) : null,
        longTasks: b.longtaskSupported ? tasks.length : null,
        longTasksDuringLoader: b.longtaskSupported ? tasks.filter((t) => t.duringLoader).length : null,
        tasks,
      };
    });
    if (m.error || m.ready === null) throw new Error(`${kind} page did not get ready: ${m.error}`);
    const run = {
      ...m,
      frame: await frameTimeline(page, m.timeOrigin),
      loaderToReady: m.loaderStart === null ? null : m.ready - m.loaderStart,
      navToReady: m.ready,
      requests: classify(requests, page, m.timeOrigin + m.ready, merchant, frameOrigin),
    };
    if (submit)
      run.submit = await (kind === 'sdk' ? submitVsFetch : floorSubmitVsFetch)(page, frameOrigin, submit.fetchFirst);
    return run;
  } finally {
    await context.close();
  }
}

/** The plain page: navigation start → DOMContentLoaded, from its navigation entry. */
export async function plainRun(browser, { merchant, throttle = 1 }) {
  const { context, page } = await fresh(browser, throttle);
  try {
    await page.goto(`${merchant}/plain`, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { navToDcl: nav.domContentLoadedEventStart, responseStart: nav.responseStart };
    });
  } finally {
    await context.close();
  }
}

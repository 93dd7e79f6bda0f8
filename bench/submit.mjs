// submit() against the same request made by hand, plus where submit()'s extra time goes.

/** `cs.submit()` for field A against a raw fetch made inside a second frame (session B). */
export async function submitVsFetch(page, gateway, fetchFirst) {
  await page.frameLocator('#cvn iframe').locator('input').fill('123');
  await page.evaluate(() => window.__bench.complete);
  await page.evaluate(() => window.__bench.mountSecond());
  const frameB = await (await page.$('#cvn2 iframe')).contentFrame();
  const viaFetch = () =>
    frameB.evaluate(async () => {
      const { client_token: token, session } = JSON.parse(document.getElementById('cs-config').textContent);
      const t0 = performance.now();
      const res = await fetch('/v1/payment_with_session', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify({ payment_session_id: session, cvn: '123' }),
      });
      const body = await res.json();
      return { ms: performance.now() - t0, id: body.payment_request_id, status: res.status, code: body.error_code };
    });
  const viaField = () => timed(page, 'sdk');
  return compare(page, { viaField, viaFetch, fetchFirst, ping: [frameB, '#cvn2 iframe', gateway] });
}

/**
 * The floor's submit (postMessage to its frame, a same-origin fetch to /submit, the answer back)
 * against the frame's own fetch of /submit for a second session. Both tokens are fetched ahead.
 */
export async function floorSubmitVsFetch(page, floor, fetchFirst) {
  await page.frameLocator('#cvn iframe').locator('input').fill('123');
  const frameA = await (await page.$('#cvn iframe')).contentFrame();
  const sessionB = await page.evaluate(async () => (await (await fetch('/session', { method: 'POST' })).json()).id);
  await frameA.evaluate(async (b) => {
    const a = new URLSearchParams(location.search).get('session');
    for (const s of [a, b]) await fetch(`/prepare?session=${encodeURIComponent(s)}`, { method: 'POST' });
  }, sessionB);
  const viaFetch = () =>
    frameA.evaluate(async (session) => {
      const t0 = performance.now();
      const res = await fetch('/submit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ session, cvn: '123' }),
      });
      const body = await res.json();
      return { ms: performance.now() - t0, id: body.payment_request_id, status: res.status, code: body.error_code };
    }, sessionB);
  const viaField = () => timed(page, 'floor');
  return compare(page, { viaField, viaFetch, fetchFirst, ping: [frameA, '#cvn iframe', floor] });
}

// The field's submit ('sdk': `cs.submit()`, 'floor': `Floor.submit()`), timed on the merchant page.
function timed(page, kind) {
  return page.evaluate(async (k) => {
    const t0 = performance.now();
    const result = await (k === 'sdk' ? window.cs.submit() : window.Floor.submit());
    const t1 = performance.now();
    return {
      ms: t1 - t0,
      id: result?.payment_request_id,
      t0: performance.timeOrigin + t0,
      t1: performance.timeOrigin + t1,
    };
  }, kind);
}

async function compare(page, { viaField, viaFetch, fetchFirst, ping }) {
  const frameA = await (await page.$('#cvn iframe')).contentFrame();
  await stampFetch(frameA);
  let fetched, submitted, stamps;
  const field = async () => {
    submitted = await viaField();
    stamps = await frameA.evaluate(() => window.__benchFetch);
  };
  if (fetchFirst) {
    fetched = await viaFetch();
    await field();
  } else {
    await field();
    fetched = await viaFetch();
  }
  if (fetched.status !== 200 || !fetched.id)
    throw new Error(`baseline fetch answered ${fetched.status} ${fetched.code}`);
  if (!submitted.id) throw new Error('submit resolved without a payment_request_id');
  return {
    submit: submitted.ms,
    fetch: fetched.ms,
    diff: submitted.ms - fetched.ms,
    fetchFirst,
    // Wall-clock stamps across two processes: good to a fraction of a millisecond.
    toFrameFetch: stamps ? stamps.start - submitted.t0 : null,
    frameFetch: stamps ? stamps.end - stamps.start : null,
    backToPage: stamps ? submitted.t1 - stamps.end : null,
    postMessageRtt: await pingFrame(page, ...ping),
  };
}

// Wraps frame A's fetch to stamp when the CVN request starts and when its JSON is read, which
// splits submit() into page → frame, the request itself, and frame → page.
function stampFetch(frame) {
  return frame.evaluate(() => {
    const original = window.fetch;
    const now = () => performance.timeOrigin + performance.now();
    window.fetch = async (...args) => {
      const stamps = (window.__benchFetch = { start: now(), end: null });
      const res = await original(...args);
      const json = res.json.bind(res);
      res.json = async () => {
        const body = await json();
        stamps.end = now();
        return body;
      };
      return res;
    };
  });
}

// What any page↔frame exchange costs at the least: bare postMessage there and back, median of 5.
// Tells post-robot's own share of submit() − fetch from the browser's.
async function pingFrame(page, frame, selector, origin) {
  await frame.evaluate(() =>
    addEventListener('message', (e) => e.data === 'bench-ping' && e.source.postMessage('bench-pong', e.origin)),
  );
  return page.evaluate(
    async ([sel, target]) => {
      const win = document.querySelector(sel).contentWindow;
      const once = () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const on = (e) => {
            if (e.source !== win || e.data !== 'bench-pong') return;
            removeEventListener('message', on);
            resolve(performance.now() - t0);
          };
          addEventListener('message', on);
          win.postMessage('bench-ping', target);
        });
      const times = [];
      for (let i = 0; i < 5; i++) times.push(await once());
      return times.sort((a, b) => a - b)[2];
    },
    [selector, origin],
  );
}

// submit() against the same request made by hand, plus where submit()'s extra time goes.

/** `cs.submit()` for field A against a raw fetch made inside a second frame (session B). */
export async function submitVsFetch(page, gateway, fetchFirst) {
  await page.frameLocator('#cvn iframe').locator('input').fill('123');
  await page.evaluate(() => window.__bench.complete);
  await page.evaluate(() => window.__bench.mountSecond());
  const frameA = await (await page.$('#cvn iframe')).contentFrame();
  const frameB = await (await page.$('#cvn2 iframe')).contentFrame();
  await stampFetch(frameA);
  const viaSdk = () =>
    page.evaluate(async () => {
      const t0 = performance.now();
      const result = await window.cs.submit();
      const t1 = performance.now();
      return {
        ms: t1 - t0,
        id: result.payment_request_id,
        t0: performance.timeOrigin + t0,
        t1: performance.timeOrigin + t1,
      };
    });
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
  let fetched, submitted;
  if (fetchFirst) {
    fetched = await viaFetch();
    submitted = await viaSdk();
  } else {
    submitted = await viaSdk();
    fetched = await viaFetch();
  }
  if (fetched.status !== 200 || !fetched.id)
    throw new Error(`baseline fetch answered ${fetched.status} ${fetched.code}`);
  if (!submitted.id) throw new Error('submit() resolved without a payment_request_id');
  const stamps = await frameA.evaluate(() => window.__benchFetch);
  return {
    submit: submitted.ms,
    fetch: fetched.ms,
    diff: submitted.ms - fetched.ms,
    fetchFirst,
    // Wall-clock stamps across two processes: good to a fraction of a millisecond.
    toFrameFetch: stamps ? stamps.start - submitted.t0 : null,
    frameFetch: stamps ? stamps.end - stamps.start : null,
    backToPage: stamps ? submitted.t1 - stamps.end : null,
    postMessageRtt: await pingFrame(page, frameB, gateway),
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
async function pingFrame(page, frame, gateway) {
  await frame.evaluate(() =>
    addEventListener('message', (e) => e.data === 'bench-ping' && e.source.postMessage('bench-pong', e.origin)),
  );
  return page.evaluate(async (origin) => {
    const win = document.querySelector('#cvn2 iframe').contentWindow;
    const once = () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const on = (e) => {
          if (e.source !== win || e.data !== 'bench-pong') return;
          removeEventListener('message', on);
          resolve(performance.now() - t0);
        };
        addEventListener('message', on);
        win.postMessage('bench-ping', origin);
      });
    const times = [];
    for (let i = 0; i < 5; i++) times.push(await once());
    return times.sort((a, b) => a - b)[2];
  }, gateway);
}

// The bench merchant: a child process on its own site (127.0.0.1), serving
//   /sdk    the SDK page: parser-blocking loader tag, a field mounted for a session created
//           server-side for this page load, `performance.now()` recorded at `ready`;
//   /floor  the same for the floor field (bench/floor.mjs): its loader tag, one field, `ready`;
//   /plain  a page with a native <input> and nothing else (not even a script);
//   /session  a further session, for the second field the submit baseline needs.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { basicAuth, json, keepAliveAgent, sessionBody } from './http.mjs';

const port = Number(process.env.BENCH_MERCHANT_PORT);
const gateway = process.env.BENCH_GATEWAY;
const auth = basicAuth(process.env.BENCH_SECRET_KEY);
const origin = `http://127.0.0.1:${port}`;
const agent = keepAliveAgent(8);
const floor = process.env.BENCH_FLOOR;

let loader;
const loaderTag = async () => {
  loader ??= json(`${gateway}/assets/manifest.json`, { agent }).then((m) => m.assets['cards-session.min.js']);
  return loader;
};

let floorLoader;
const floorTag = async () => {
  floorLoader ??= json(`${floor}/manifest.json`, { agent });
  return floorLoader;
};

async function createSession() {
  const started = performance.now();
  const session = await json(`${gateway}/v1/sessions`, {
    method: 'POST',
    agent,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: sessionBody(origin, `bench-${randomUUID().slice(0, 8)}`),
  });
  return { id: session.payment_session_id, ms: performance.now() - started };
}

// Inline and tiny: the long-task observer must be registered before the loader runs, and the
// marks around the loader tag bracket its evaluation (the parser blocks on it).
const head = (settle) => `<script>
window.__bench = { longtasks: [], longtaskSupported: PerformanceObserver.supportedEntryTypes.includes('longtask') };
if (__bench.longtaskSupported) new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __bench.longtasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
__bench.done = new Promise((resolve) => (__bench.finish = resolve));
__bench.complete = new Promise((resolve) => (__bench.completed = resolve));
__bench.settled = __bench.done.then(() => new Promise((r) => setTimeout(r, ${settle})));
performance.mark('cs-loader-before');
</script>`;

const sdkPage = (tag, sessionId, settle) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: SDK</title>
${head(settle)}
<script src="${tag.url}" integrity="${tag.integrity}" crossorigin="anonymous"></script>
<script>performance.mark('cs-loader-after');</script>
</head><body>
<label for="cvn">Security code</label><div id="cvn"></div><div id="cvn2"></div>
<script>
const cs = CardsSession.init({ paymentSessionId: ${JSON.stringify(sessionId)} });
window.cs = cs;
const field = cs.createField('cvn');
field.on('ready', () => { __bench.ready = performance.now(); __bench.finish(); });
field.on('change', (s) => { if (s.complete) __bench.completed(); });
field.mount('#cvn').catch((e) => { __bench.error = e.code + ': ' + e.message; __bench.finish(); });
__bench.mountSecond = async () => {
  const { id } = await (await fetch('/session', { method: 'POST' })).json();
  await CardsSession.init({ paymentSessionId: id }).createField('cvn').mount('#cvn2');
};
</script>
</body></html>`;

// The floor field, loaded and timed as the SDK's is.
const floorPage = (tag, sessionId, settle) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: floor</title>
${head(settle)}
<script src="${tag.url}" integrity="${tag.integrity}" crossorigin="anonymous"></script>
<script>performance.mark('cs-loader-after');</script>
</head><body>
<label for="cvn">Security code</label><div id="cvn"></div>
<script>
Floor.mount(document.getElementById('cvn'), ${JSON.stringify(sessionId)}).then(() => {
  __bench.ready = performance.now();
  __bench.finish();
});
</script>
</body></html>`;

const plainPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: plain</title></head><body>
<label for="cvn">Security code</label><input id="cvn" inputmode="numeric" autocomplete="cc-csc">
</body></html>`;

const fieldPages = { '/sdk': { tag: loaderTag, page: sdkPage }, '/floor': { tag: floorTag, page: floorPage } };

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', origin);
  const send = (status, type, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const route = async () => {
    const field = fieldPages[url.pathname];
    if (field) {
      const [tag, session] = await Promise.all([field.tag(), createSession()]);
      const settle = Number(url.searchParams.get('settle') ?? 1000);
      return send(200, 'text/html; charset=utf-8', field.page(tag, session.id, settle), {
        'Server-Timing': `session;dur=${session.ms.toFixed(2)}`,
      });
    }
    if (url.pathname === '/plain') return send(200, 'text/html; charset=utf-8', plainPage);
    if (url.pathname === '/session' && req.method === 'POST')
      return send(200, 'application/json', JSON.stringify(await createSession()));
    if (url.pathname === '/healthz') return send(200, 'text/plain', 'ok');
    send(404, 'text/plain', 'not found');
  };
  route().catch((err) => {
    process.stderr.write(`bench merchant: ${err.stack ?? err}\n`);
    if (!res.headersSent) send(502, 'text/plain', String(err.message));
  });
});

server.listen(port, '127.0.0.1', () => process.stdout.write(`bench merchant on ${origin}\n`));
process.on('SIGTERM', () => process.exit(0));

// The floor: the least a hosted field can be, written for the bench alone (no post-robot, no SDK
// code), served by this child process on the gateway's site (localhost, its own port), so it is
// cross-site from the merchant exactly as the SDK's frame is:
//   /floor.js     the loader: creates the iframe, one handshake message, submit over postMessage;
//   /frame        a native <input> and an inline script: announces itself to the exact merchant
//                 origin, answers `submit` from it with a same-origin fetch;
//   /submit       the real endpoint: the gateway's POST /v1/payment_with_session, with a client
//                 token fetched ahead (`/prepare`), so the request costs what the SDK frame's does
//                 plus one local hop (the bench subtracts a plain fetch of /submit from both);
//   /manifest.json  the loader's URL and SRI hash, for the merchant's script tag.
// The CVN is forwarded to the payment call and nowhere else.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { frameConfig, keepAliveAgent, request } from './http.mjs';

const port = Number(process.env.BENCH_FLOOR_PORT);
const gateway = process.env.BENCH_GATEWAY;
const merchant = process.env.BENCH_MERCHANT;
const origin = `http://localhost:${port}`;
const agent = keepAliveAgent(8);

const loader = `window.Floor = (() => {
  const base = new URL(document.currentScript.src).origin;
  const waiting = new Map();
  let frame, seq = 0, onReady;
  addEventListener('message', (e) => {
    if (e.origin !== base || !frame || e.source !== frame.contentWindow || !e.data) return;
    if (e.data.t === 'ready') onReady();
    else if (e.data.t === 'result' && waiting.has(e.data.id)) {
      waiting.get(e.data.id)(e.data.body);
      waiting.delete(e.data.id);
    }
  });
  return {
    mount(el, session) {
      frame = document.createElement('iframe');
      frame.title = 'Security code';
      frame.src = base + '/frame?session=' + encodeURIComponent(session);
      el.appendChild(frame);
      return new Promise((resolve) => (onReady = resolve));
    },
    submit() {
      const id = ++seq;
      frame.contentWindow.postMessage({ t: 'submit', id }, base);
      return new Promise((resolve) => waiting.set(id, resolve));
    },
  };
})();
`;
const integrity = `sha384-${createHash('sha384').update(loader).digest('base64')}`;

const frame = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Security code</title></head><body>
<input id="cvn" inputmode="numeric" autocomplete="cc-csc" maxlength="4" aria-label="Security code">
<script>
const merchant = ${JSON.stringify(merchant)};
const session = new URLSearchParams(location.search).get('session');
const input = document.getElementById('cvn');
addEventListener('message', async (e) => {
  if (e.origin !== merchant || e.source !== parent || !e.data || e.data.t !== 'submit') return;
  const res = await fetch('/submit', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ session, cvn: input.value }),
  });
  parent.postMessage({ t: 'result', id: e.data.id, body: await res.json() }, merchant);
});
parent.postMessage({ t: 'ready' }, merchant);
</script>
</body></html>
`;

// Client tokens by session, fetched from the gateway's own frame document ahead of the submit.
const tokens = new Map();
function tokenFor(session) {
  if (!tokens.has(session)) {
    const url = `${gateway}/v1/frames/cvn?session=${encodeURIComponent(session)}&origin=${encodeURIComponent(merchant)}`;
    const pending = request(url, { agent }).then((res) => {
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
      return frameConfig(res.body.toString('utf8')).client_token;
    });
    pending.catch(() => tokens.delete(session));
    tokens.set(session, pending);
  }
  return tokens.get(session);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function submit(req) {
  const { session, cvn } = JSON.parse(await readBody(req));
  const token = await tokenFor(session);
  tokens.delete(session);
  // The gateway takes browser calls from its own origin only: this hop stands in for that frame.
  return request(`${gateway}/v1/payment_with_session`, {
    method: 'POST',
    agent,
    headers: {
      Origin: gateway,
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': randomUUID(),
      'Content-Type': 'application/json',
    },
    body: { payment_session_id: session, cvn },
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', origin);
  const send = (status, type, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const route = async () => {
    if (url.pathname === '/floor.js')
      return send(200, 'text/javascript; charset=utf-8', loader, {
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    if (url.pathname === '/frame') {
      const session = url.searchParams.get('session');
      if (!session) return send(400, 'text/plain', 'session required');
      tokenFor(session).catch(() => {}); // ahead of the submit; a failure shows there
      return send(200, 'text/html; charset=utf-8', frame, {
        'Content-Security-Policy': `frame-ancestors ${merchant}`,
      });
    }
    if (url.pathname === '/prepare' && req.method === 'POST') {
      await tokenFor(url.searchParams.get('session') ?? '');
      return send(204, 'text/plain', '');
    }
    if (url.pathname === '/submit' && req.method === 'POST') {
      const answer = await submit(req);
      return send(answer.status, 'application/json', answer.body);
    }
    if (url.pathname === '/manifest.json')
      return send(200, 'application/json', JSON.stringify({ url: `${origin}/floor.js`, integrity }));
    send(404, 'text/plain', 'not found');
  };
  route().catch((err) => {
    process.stderr.write(`bench floor: ${err.stack ?? err}\n`);
    if (!res.headersSent) send(502, 'text/plain', String(err.message));
  });
});

// localhost resolves to 127.0.0.1 here, where the gateway listens too.
server.listen(port, '127.0.0.1', () => process.stdout.write(`bench floor on ${origin}\n`));
process.on('SIGTERM', () => process.exit(0));

// Small node:http client: keep-alive sockets and no decompression, so the bench sees raw bytes,
// headers and timings without undici's per-request overhead competing with the gateway for CPU;
// plus the session body, frame-config parsing and a worker pool the bench and the load share.
import { Agent, request as httpRequest } from 'node:http';

export function keepAliveAgent(maxSockets = 64) {
  return new Agent({ keepAlive: true, maxSockets });
}

/** One request; resolves `{ status, headers, body: Buffer, ms }`, rejects on network errors. */
export function request(url, { method = 'GET', headers = {}, body, agent, timeout = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = httpRequest(url, {
      method,
      agent,
      headers: payload === undefined ? headers : { 'Content-Length': Buffer.byteLength(payload), ...headers },
      timeout,
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeout} ms: ${method} ${url}`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
    });
    req.end(payload);
  });
}

/** A JSON call that must answer 2xx; throws with the gateway's error otherwise. */
export async function json(url, options) {
  const res = await request(url, options);
  const text = res.body.toString('utf8');
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${options?.method ?? 'GET'} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export const basicAuth = (secretKey) => `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;

/** A session body like examples/checkout/src/shop.ts sends. */
export function sessionBody(merchantOrigin, reference) {
  return {
    reference_id: reference,
    session_type: 'PAY',
    amount: 150000,
    currency: 'IDR',
    country: 'ID',
    customer: { reference_id: 'customer-bench', email: 'shopper@example.com' },
    cards_session_js: {
      card_payment_token_id: 'cpt-visa-challenge',
      success_return_url: `${merchantOrigin}/orders/${reference}/complete`,
      failure_return_url: `${merchantOrigin}/orders/${reference}/failed`,
    },
    allowed_origins: [merchantOrigin],
  };
}

/** The JSON the gateway embeds in a frame document (`<` arrives escaped as \u003c). */
export function frameConfig(html) {
  const m = /<script id="cs-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('frame document has no cs-config block');
  return JSON.parse(m[1]);
}

/** Runs `fn` over `items`, `width` at a time; resolves the elapsed milliseconds. */
export async function pool(items, width, fn) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
  return performance.now() - started;
}

function tally(errors, key) {
  errors[key] = (errors[key] ?? 0) + 1;
}

/** A request whose failure (`ok` false, or no answer) is counted in `errors` by status and code; resolves null then. */
export async function tolerant(errors, url, options, ok) {
  try {
    const res = await request(url, options);
    if (ok(res)) return res;
    let code = '';
    try {
      code = JSON.parse(res.body.toString('utf8')).error_code ?? '';
    } catch {
      // not JSON: the status says enough
    }
    tally(errors, `${res.status} ${code}`.trim());
  } catch (err) {
    tally(errors, `network: ${err.code ?? err.message}`);
  }
  return null;
}

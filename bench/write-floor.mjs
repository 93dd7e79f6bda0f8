// The floor of the gateway's durable write path, for the load test to be measured against:
//   node --import tsx bench/write-floor.mjs --dir D --count N --concurrency C
// Per submit, with no HTTP and nothing else: the two ES256 signatures the gateway makes (the next
// client token and the result token: packages/sandbox/src/payments.ts) and the reads and writes
// of its one transaction, through the sandbox's own Store and Tokens (same schema, same pragmas:
// WAL, and the same flush of the WAL off the event loop before a write counts as durable). C
// submits in flight in one process, as in the gateway. Two ways to commit: one transaction per
// submit, each awaited until it is on disk ("each"), and the store's own group commit ("group":
// every submit ready in the same turn of the event loop shares one transaction and one fsync).
// Prints one JSON line.
import { randomUUID } from 'node:crypto';
import { fdatasync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../packages/sandbox/src/store.ts';
import { Tokens } from '../packages/sandbox/src/tokens.ts';
import { pool } from './http.mjs';
import { summary } from './stats.mjs';

const { values: o } = parseArgs({
  options: { dir: { type: 'string' }, count: { type: 'string' }, concurrency: { type: 'string' } },
});
const count = Number(o.count ?? 2000);
const concurrency = Number(o.concurrency ?? 32);
if (!o.dir || !(count >= 1) || !(concurrency >= 1)) {
  process.stderr.write('usage: node --import tsx bench/write-floor.mjs --dir D [--count N --concurrency C]\n');
  process.exit(2);
}
mkdirSync(o.dir, { recursive: true });
const ORIGIN = 'http://127.0.0.1';
const EXPIRES = Date.now() + 3600_000;

function seed(store) {
  const ids = Array.from({ length: count }, () => `ps-${randomUUID()}`);
  store.transaction(() => {
    for (const id of ids) {
      const session = { payment_session_id: id, status: 'ACTIVE', expires_at: new Date(EXPIRES).toISOString() };
      store.insertSession(session, 'owner-bench');
    }
  });
  return ids;
}

// What the gateway does before its transaction: the two signatures.
async function sign(tokens, session) {
  const prId = `pr-${randomUUID()}`;
  const nextToken = await tokens.issueClient(session, ORIGIN, 'payment_with_session', EXPIRES);
  const resultToken = await tokens.issueResult({
    payment_request_id: prId,
    payment_session_id: session,
    reference_id: 'bench',
    status: 'REQUIRES_ACTION',
    amount: 150000,
    currency: 'IDR',
  });
  return { session, prId, nextToken, resultToken, key: randomUUID(), jti: randomUUID() };
}

// What the gateway does inside its transaction for a new attempt that creates a payment request.
function write(store, w) {
  store.getIdempotency(w.session, w.key);
  if (!store.consumeToken(w.jti)) throw new Error('token reused');
  store.getSession(w.session);
  store.countPaymentRequests(w.session);
  const now = new Date().toISOString();
  store.insertPaymentRequest({
    payment_request_id: w.prId,
    payment_session_id: w.session,
    reference_id: 'bench',
    status: 'REQUIRES_ACTION',
    amount: 150000,
    currency: 'IDR',
    action_url: `${ORIGIN}/v1/3ds/${w.prId}`,
    failure_code: null,
    created: now,
    updated: now,
  });
  const body = { payment_request_id: w.prId, client_token: w.nextToken, result_token: w.resultToken };
  store.putIdempotency(w.session, w.key, { fingerprint: w.jti, status: 200, body: JSON.stringify(body) });
}

async function measure(mode) {
  // Every flush of the WAL goes through here, counted: what one fsync carries.
  let flushes = 0;
  const syncFile = (fd, done) => {
    flushes++;
    fdatasync(fd, done);
  };
  const store = new Store(join(o.dir, `write-floor-${mode}.db`), Date.now, { syncFile });
  try {
    const tokens = await Tokens.open(store, ORIGIN);
    const sessions = seed(store);
    const latency = [];
    const ms = await pool(sessions, concurrency, async (session) => {
      const started = performance.now();
      const w = await sign(tokens, session);
      if (mode === 'group') {
        await store.commit(() => write(store, w));
      } else {
        store.transaction(() => write(store, w));
        await store.durable();
      }
      latency.push(performance.now() - started);
    });
    return {
      count: latency.length,
      perSecond: (latency.length / ms) * 1000,
      latency: summary(latency),
      flushes,
      meanBatch: latency.length / Math.max(1, flushes),
    };
  } finally {
    store.close();
  }
}

const result = { concurrency, each: await measure('each'), group: await measure('group') };
process.stdout.write(`${JSON.stringify(result)}\n`);

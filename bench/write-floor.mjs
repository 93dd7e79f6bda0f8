// The floor of the gateway's durable write path, for the load test to be measured against:
//   node --import tsx bench/write-floor.mjs --dir D --count N --concurrency C
// Per submit, with no HTTP and nothing else: the two ES256 signatures the gateway makes (the next
// client token and the result token: packages/sandbox/src/payments.ts) and the reads and writes
// of its one transaction, through the sandbox's own Store and Tokens (same schema, same pragmas:
// WAL, synchronous=FULL, so every COMMIT is fsynced). C submits in flight in one process, as in
// the gateway. Two ways to commit: one transaction per submit ("each"), and group commit ("group":
// every submit ready in the same turn of the event loop shares one transaction and one fsync).
// Prints one JSON line.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
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

// Group commit: submits queue their writes; one flush per turn commits them all.
function groupCommitter(store) {
  let queue = [];
  const batches = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    batches.push(batch.length);
    try {
      store.transaction(() => batch.forEach(({ w }) => write(store, w)));
      batch.forEach(({ resolve }) => resolve());
    } catch (err) {
      batch.forEach(({ reject }) => reject(err));
    }
  };
  return {
    batches,
    commit: (w) =>
      new Promise((resolve, reject) => {
        if (queue.push({ w, resolve, reject }) === 1) setImmediate(flush);
      }),
  };
}

async function measure(mode) {
  const store = new Store(join(o.dir, `write-floor-${mode}.db`));
  try {
    const tokens = await Tokens.open(store, ORIGIN);
    const sessions = seed(store);
    const group = mode === 'group' ? groupCommitter(store) : null;
    const latency = [];
    const ms = await pool(sessions, concurrency, async (session) => {
      const started = performance.now();
      const w = await sign(tokens, session);
      if (group) await group.commit(w);
      else store.transaction(() => write(store, w));
      latency.push(performance.now() - started);
    });
    return {
      count: latency.length,
      perSecond: (latency.length / ms) * 1000,
      latency: summary(latency),
      ...(group && { commits: group.batches.length, meanBatch: latency.length / group.batches.length }),
    };
  } finally {
    store.close();
  }
}

const result = { concurrency, each: await measure('each'), group: await measure('group') };
process.stdout.write(`${JSON.stringify(result)}\n`);

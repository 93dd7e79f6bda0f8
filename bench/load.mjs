// Gateway load, run as its own process so the load generator is not the bench's event loop:
//   node bench/load.mjs run    --gateway G --key K --origin O --out F [--sessions N --concurrency C --rate R --seconds S]
//   node bench/load.mjs verify --gateway G --key K --in F [--concurrency C]
// Prints one JSON line of results on stdout.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { basicAuth, frameConfig, keepAliveAgent, pool, sessionBody, tolerant } from './http.mjs';
import { summary } from './stats.mjs';

const { positionals, values: o } = parseArgs({
  allowPositionals: true,
  options: Object.fromEntries(
    ['gateway', 'key', 'origin', 'out', 'in', 'sessions', 'concurrency', 'rate', 'seconds'].map((k) => [
      k,
      { type: 'string' },
    ]),
  ),
});
const concurrency = Number(o.concurrency ?? 32);
const agent = keepAliveAgent(concurrency);
const auth = basicAuth(o.key);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Every load call shares one keep-alive agent; failures are tallied, not thrown.
const call = (errors, url, options, ok) => tolerant(errors, url, { agent, ...options }, ok);

async function prepare(count) {
  const errors = {};
  const sessions = [];
  const createLatency = [];
  const createMs = await pool(Array.from({ length: count }), concurrency, async (_, i) => {
    const res = await call(
      errors,
      `${o.gateway}/v1/sessions`,
      {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: sessionBody(o.origin, `load-${i}`),
      },
      (r) => r.status === 201,
    );
    if (!res) return;
    createLatency.push(res.ms);
    sessions.push({ id: JSON.parse(res.body.toString('utf8')).payment_session_id });
  });
  const frameLatency = [];
  const framesMs = await pool(sessions, concurrency, async (s) => {
    const url = `${o.gateway}/v1/frames/cvn?session=${encodeURIComponent(s.id)}&origin=${encodeURIComponent(o.origin)}`;
    const res = await call(errors, url, {}, (r) => r.status === 200);
    if (!res) return;
    frameLatency.push(res.ms);
    s.token = frameConfig(res.body.toString('utf8')).client_token;
  });
  return {
    sessions: sessions.filter((s) => s.token),
    created: {
      count: createLatency.length,
      perSecond: (createLatency.length / createMs) * 1000,
      latency: summary(createLatency),
    },
    frames: {
      count: frameLatency.length,
      perSecond: (frameLatency.length / framesMs) * 1000,
      latency: summary(frameLatency),
    },
    errors,
  };
}

function submit(session, errors) {
  return call(
    errors,
    `${o.gateway}/v1/payment_with_session`,
    {
      method: 'POST',
      headers: {
        Origin: o.gateway,
        Authorization: `Bearer ${session.token}`,
        'Idempotency-Key': randomUUID(),
        'Content-Type': 'application/json',
      },
      body: { payment_session_id: session.id, cvn: '123' },
    },
    (r) => r.status === 200,
  ).then((res) => (res ? JSON.parse(res.body.toString('utf8')).payment_request_id : null));
}

// Closed loop: `concurrency` submits always in flight; gives the sustained maximum.
async function closedLoop(sessions, acknowledged) {
  const errors = {};
  const latency = [];
  const ms = await pool(sessions, concurrency, async (s) => {
    const started = performance.now();
    const id = await submit(s, errors);
    if (!id) return;
    latency.push(performance.now() - started);
    acknowledged.push(id);
  });
  return {
    concurrency,
    count: latency.length,
    perSecond: (latency.length / ms) * 1000,
    latency: summary(latency),
    errors,
  };
}

// Open loop: submits fired on a fixed schedule; latency counts from the scheduled time, so a
// gateway that falls behind shows it instead of slowing the load down.
async function openLoop(sessions, rate, acknowledged) {
  const errors = {};
  const latency = [];
  const sendLag = [];
  const started = performance.now();
  let finished = started;
  const pending = [];
  for (let i = 0; i < sessions.length; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    // Sent early (timer granularity): count from the send; sent late: from when it was due.
    const sent = performance.now();
    const from = Math.min(due, sent);
    sendLag.push(Math.max(0, sent - due));
    pending.push(
      submit(sessions[i], errors).then((id) => {
        finished = performance.now();
        if (!id) return;
        latency.push(finished - from);
        acknowledged.push(id);
      }),
    );
  }
  await Promise.all(pending);
  return {
    rate,
    count: latency.length,
    perSecond: (latency.length / (finished - started)) * 1000,
    latency: summary(latency),
    sendLag: summary(sendLag),
    errors,
  };
}

async function run() {
  const closedCount = Number(o.sessions ?? 2000);
  const rate = Number(o.rate ?? 1000);
  const openCount = Math.round(rate * Number(o.seconds ?? 3));
  const prepared = await prepare(closedCount + openCount);
  const acknowledged = [];
  const closed = await closedLoop(prepared.sessions.slice(0, closedCount), acknowledged);
  await sleep(500);
  const open = await openLoop(prepared.sessions.slice(closedCount), rate, acknowledged);
  writeFileSync(o.out, JSON.stringify({ acknowledged }));
  return {
    created: prepared.created,
    frames: prepared.frames,
    prepareErrors: prepared.errors,
    closed,
    open,
    acknowledged: acknowledged.length,
  };
}

async function verify() {
  const { acknowledged } = JSON.parse(readFileSync(o.in, 'utf8'));
  const errors = {};
  let found = 0;
  const ms = await pool(acknowledged, concurrency, async (id) => {
    const res = await call(
      errors,
      `${o.gateway}/v1/payment_requests/${encodeURIComponent(id)}`,
      { headers: { Authorization: auth } },
      (r) => r.status === 200,
    );
    if (res && JSON.parse(res.body.toString('utf8')).payment_request_id === id) found++;
  });
  return { acknowledged: acknowledged.length, found, lost: acknowledged.length - found, errors, ms };
}

const modes = { run, verify };
if (!modes[positionals[0]] || !o.gateway || !o.key) {
  process.stderr.write('usage: node bench/load.mjs run|verify --gateway G --key K …\n');
  process.exit(2);
}
modes[positionals[0]]().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    agent.destroy();
  },
  (err) => {
    process.stderr.write(`load.mjs: ${err.stack ?? err}\n`);
    process.exit(1);
  },
);

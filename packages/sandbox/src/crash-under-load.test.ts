import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite';
import { freePort, killCli, launchCli } from './test-cli';
import { api, clientToken, createSession, idemKey, makeAssetsDir, pay, type Target } from './test-helpers';

// Like `bench/load.mjs run` then `verify` after a kill -9, as a test: submits on a fixed schedule,
// the gateway SIGKILLed while batches are being committed and flushed, every acknowledged
// payment request looked up after a restart on the same data.
const SESSIONS = 150;
const EVERY_MS = 3;
const KILL_AFTER = 40;

let dataDir: string;
let assetsDir: string;
let port: number;
let gw: Target;
const started: ChildProcess[] = [];
const launch = async () =>
  started.push((await launchCli(port, ['--data-dir', dataDir, '--assets-dir', assetsDir])).proc);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-crash-'));
  assetsDir = makeAssetsDir();
  port = await freePort();
  gw = { origin: `http://localhost:${port}` };
});
afterAll(async () => {
  await Promise.all(started.map((proc) => killCli(proc)));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(assetsDir, { recursive: true, force: true });
});

describe('the CLI gateway, SIGKILLed under load', { timeout: 120_000 }, () => {
  const acknowledged: { session: string; pr: string }[] = [];
  const sessions: string[] = [];
  let cut = 0;

  it('acknowledges submits while batches commit, until it is killed', async () => {
    await launch();
    const ready: { session: string; token: string }[] = [];
    for (let i = 0; i < SESSIONS; i += 25) {
      ready.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(25, SESSIONS - i) }, async () => {
            const { payment_session_id: session } = await createSession(gw);
            return { session, token: await clientToken(gw, session) };
          }),
        )),
      );
    }
    sessions.push(...ready.map((r) => r.session));
    const killer = started.at(-1);
    const pending: Promise<void>[] = [];
    for (const { session, token } of ready) {
      pending.push(
        pay(gw, { session, token, cvn: '123', key: idemKey() }).then(
          ({ status, json }) => {
            expect(status).toBe(200);
            acknowledged.push({ session, pr: json.payment_request_id });
            if (acknowledged.length === KILL_AFTER) killer?.kill('SIGKILL');
          },
          () => void cut++,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    await Promise.all(pending);
    await killCli(killer);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(cut).toBeGreaterThan(0);
    expect(acknowledged.length + cut).toBe(SESSIONS);
  });

  it('has every acknowledged payment request after a restart, and no session paid twice', async () => {
    await launch();
    let lost = 0;
    for (const { session, pr } of acknowledged) {
      const { status, json } = await api(gw, 'GET', `/v1/payment_requests/${pr}`);
      if (status !== 200 || json.payment_session_id !== session) lost++;
    }
    expect(lost).toBe(0);
    const db = openDatabase(join(dataDir, 'sandbox.sqlite'), { readonly: true });
    try {
      const count = db.prepare('SELECT COUNT(*) AS n FROM payment_requests WHERE session_id = ?');
      const counts = sessions.map((id) => (count.get(id) as { n: number }).n);
      expect(counts.every((n) => n <= 1)).toBe(true);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      db.close();
    }
  });
});

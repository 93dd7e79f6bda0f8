import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { loadAssets } from './assets';
import { Store } from './store';
import { clientToken, createSession, idemKey, makeAssetsDir, pay, sessionBody, start } from './test-helpers';
import type { SyncFile } from './wal-sync';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** An app on a file store whose WAL flushes wait for `release()` while held, or fail. */
async function appOnDisk(flush: 'held' | 'failing') {
  const dir = mkdtempSync(join(tmpdir(), 'cs-durable-'));
  const assetsDir = makeAssetsDir();
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => rmSync(assetsDir, { recursive: true, force: true }));
  const held: (() => void)[] = [];
  let holding = false;
  const syncFile: SyncFile = (fd, done) => {
    if (flush === 'failing') return done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    if (holding) held.push(() => fdatasync(fd, done));
    else fdatasync(fd, done);
  };
  const store = new Store(join(dir, 'db.sqlite'), Date.now, { syncFile });
  const log: string[] = [];
  const app = await createApp({
    store,
    assets: loadAssets(assetsDir),
    origin: 'http://localhost:1',
    secretKeys: ['sk_test_value'],
    maxCvnAttempts: 5,
    maxPaymentRequests: 5,
    maxWrongThreeDsCodes: 3,
    now: Date.now,
    onWebhook: () => undefined,
    log: (line) => log.push(line),
  });
  const server: Server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => store.close());
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  cleanup.push(() => server.closeAllConnections());
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      held.splice(0).forEach((run) => run());
    },
  };
}

const createBody = (base: string) =>
  fetch(`${base}/v1/sessions`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from('sk_test_value:').toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(sessionBody()),
  });

describe('answers wait for the disk', { timeout: 30_000 }, () => {
  it('holds an answer that reports a write until the WAL flush is done', async () => {
    const gw = await appOnDisk('held');
    gw.hold();
    let answered = false;
    const created = createBody(gw.base).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    gw.release();
    expect((await created).status).toBe(201);
    // Nothing written since: the next answer goes at once.
    gw.hold();
    expect((await fetch(`${gw.base}/openapi.json`)).status).toBe(200);
  });

  it('cuts the connection instead of answering when the disk refuses the flush', async () => {
    const gw = await appOnDisk('failing');
    await expect(createBody(gw.base)).rejects.toThrow();
    expect(gw.log.some((line) => line.startsWith('answer withheld, the disk refused the write: EIO'))).toBe(true);
  });

  it('decides parallel retries of one attempt once, in whatever batches they land: the rest replay it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-durable-'));
    const sb = await start({ dataDir });
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanup.push(() => sb.stop());
    const { payment_session_id: session } = await createSession(sb);
    const token = await clientToken(sb, session);
    const key = idemKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => pay(sb, { token, session, cvn: '123', key })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(sb.paymentRequests(session)).toHaveLength(1);
    // The same token under another key was spent by the attempt above.
    const other = await pay(sb, { token, session, cvn: '123' });
    expect([other.status, other.json.message]).toEqual([401, 'Client token was already used']);
  });
});

import type { ChildProcess } from 'node:child_process';
import { openDatabase } from './sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, killCli, launchCli } from './test-cli';
import {
  api,
  clientToken,
  createSession,
  idemKey,
  jsonOf,
  makeAssetsDir,
  pay,
  startReceiver,
  waitUntil,
  withCard,
  type Receiver,
  type Target,
} from './test-helpers';

const BURST = 60;

let receiver: Receiver;
let dataDir: string;
let assetsDir: string;
let port: number;
let gw: Target;
let child: ChildProcess | null = null;
/** Every CLI started, so none outlives the file, even when a phase fails half-way. */
const started: ChildProcess[] = [];

/** Runs the real CLI on the fixed port and data folder; resolves once it answers. */
async function launch(): Promise<void> {
  const cli = await launchCli(port, ['--data-dir', dataDir, '--assets-dir', assetsDir, '--webhook-url', receiver.url]);
  child = cli.proc;
  started.push(cli.proc);
}

/** The key ids the gateway publishes. */
async function jwksKids(): Promise<string[]> {
  const { keys } = await jsonOf(await fetch(`${gw.origin}/.well-known/jwks.json`));
  return (keys as { kid: string }[]).map((k) => k.kid);
}

/** SIGKILLs a CLI, the current one by default (no clean shutdown), and waits for it to be gone. */
const kill = (proc = child) => killCli(proc);

beforeAll(async () => {
  receiver = await startReceiver();
  dataDir = mkdtempSync(join(tmpdir(), 'cs-restart-'));
  assetsDir = makeAssetsDir();
  port = await freePort();
  gw = { origin: `http://localhost:${port}` };
});
afterAll(async () => {
  await Promise.all(started.map((proc) => kill(proc)));
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(assetsDir, { recursive: true, force: true });
});

/** What phase 1 acknowledged, for phase 2 to find again. */
const before = {
  kids: [] as string[],
  statuses: new Map<string, string>(),
  acknowledged: [] as string[],
  /** Every attempt of the burst, and the answer body of those answered before the kill. */
  burst: [] as { session: string; token: string; key: string; text: string | null }[],
  paidPr: '',
  resultToken: '',
  used: { session: '', token: '' },
  fresh: { session: '', token: '' },
  pending: [] as string[],
};
const paidEvents = () => receiver.deliveries.filter((d) => d.event?.data?.payment_request_id === before.paidPr);

/** A session on `card` with the frame's first client token. */
async function ready(card = 'cpt-visa-challenge'): Promise<{ session: string; token: string }> {
  const { payment_session_id: session } = await createSession(gw, withCard(card));
  before.statuses.set(session, 'ACTIVE');
  return { session, token: await clientToken(gw, session) };
}

describe('the CLI sandbox, SIGKILLed mid-burst and restarted', { timeout: 60_000 }, () => {
  it('phase 1: acknowledges work while the webhook endpoint is down, then dies', async () => {
    receiver.respond = () => 503;
    await launch();
    before.kids = await jwksKids();
    expect(before.kids).toHaveLength(1);

    const frictionless = await ready('cpt-visa-frictionless');
    const paid = await pay(gw, { ...frictionless, cvn: '123' });
    expect(paid.status).toBe(200);
    before.statuses.set(frictionless.session, 'COMPLETED');
    before.paidPr = paid.json.payment_request_id;
    before.resultToken = paid.json.result_token;
    await waitUntil(() => new Set(paidEvents().map((d) => d.event.id)).size === 2, 'two refused webhooks');
    expect(paidEvents().map((d) => d.answered)).toEqual(paidEvents().map(() => 503));
    before.pending = [...new Set(paidEvents().map((d) => String(d.headers['webhook-id'])))].sort();

    // A token used once, and one never used: both from before the crash.
    before.used = await ready();
    expect((await pay(gw, { ...before.used, cvn: '123' })).status).toBe(200);
    before.fresh = await ready();

    // The burst: its first half sent at once; as the 10th answer arrives, the second half is sent
    // and the gateway SIGKILLed, whatever batch it is committing or flushing.
    before.burst = await Promise.all(
      Array.from({ length: BURST }, async () => ({ ...(await ready()), key: idemKey(), text: null as string | null })),
    );
    let answered = 0;
    let cut = 0;
    const submit = (s: (typeof before.burst)[number]) =>
      pay(gw, { ...s, cvn: '123' }).then(
        ({ status, json, text }) => {
          s.text = text;
          if (status === 200) before.acknowledged.push(json.payment_request_id);
          if (++answered === 10) {
            second.push(...before.burst.slice(BURST / 2).map(submit));
            child?.kill('SIGKILL');
          }
        },
        () => void cut++,
      );
    const second: Promise<void>[] = [];
    await Promise.all(before.burst.slice(0, BURST / 2).map(submit));
    await Promise.all(second);
    await kill();
    expect(answered).toBeGreaterThanOrEqual(10);
    expect(before.acknowledged).toHaveLength(answered);
    expect(answered + cut).toBe(BURST);
    expect(cut).toBeGreaterThan(0);
  });

  it('phase 2: restarts on the same data; every session is there with its status', async () => {
    receiver.respond = () => 200;
    await launch();
    expect(before.statuses.size).toBe(BURST + 3);
    for (const [id, status] of before.statuses) {
      const { status: http, json } = await api(gw, 'GET', `/v1/sessions/${id}`);
      expect([id, http, json.status]).toEqual([id, 200, status]);
    }
  });

  it('loses no acknowledged payment request', async () => {
    let lost = 0;
    for (const pr of [before.paidPr, ...before.acknowledged]) {
      const { status } = await api(gw, 'GET', `/v1/payment_requests/${pr}`);
      if (status !== 200) lost++;
    }
    expect(lost).toBe(0);
  });

  it('answers every retry of the burst once: the answers it gave replayed byte for byte, the cut ones decided once', async () => {
    let replayed = 0;
    for (const attempt of before.burst) {
      const retry = await pay(gw, { ...attempt, cvn: '123' });
      expect(retry.status).toBe(200);
      if (attempt.text !== null) {
        expect(retry.text).toBe(attempt.text);
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
        replayed++;
      }
      // Committed before the kill (replayed) or not (decided now): one payment request either way.
      const again = await pay(gw, { ...attempt, cvn: '123' });
      expect(again.text).toBe(retry.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.json.payment_request_id).toMatch(/^pr-/);
      const pr = await api(gw, 'GET', `/v1/payment_requests/${retry.json.payment_request_id}`);
      expect(pr.json.payment_session_id).toBe(attempt.session);
    }
    expect(replayed).toBe(before.acknowledged.length);
    // Read beside the running gateway (WAL allows it): one payment request per burst session.
    const db = openDatabase(join(dataDir, 'sandbox.sqlite'), { readonly: true });
    try {
      const count = db.prepare('SELECT COUNT(*) AS n FROM payment_requests WHERE session_id = ?');
      const counts = before.burst.map((a) => (count.get(a.session) as { n: number }).n);
      expect(counts).toEqual(before.burst.map(() => 1));
    } finally {
      db.close();
    }
  });

  it('still refuses a used client token, and takes an unused one from before the crash', async () => {
    const replayed = await pay(gw, { ...before.used, cvn: '123' });
    expect(replayed.status).toBe(401);
    expect(replayed.json).toMatchObject({
      error_code: 'INVALID_CLIENT_TOKEN',
      message: 'Client token was already used',
    });
    // Same issuer, same key: the refusal above is the replay state, not a changed signer.
    expect((await pay(gw, { ...before.fresh, cvn: '123' })).status).toBe(200);
  });

  it('still validates a result token from before the crash, under the same kid', async () => {
    const { status, json } = await api(gw, 'POST', '/v1/tokens/validate', { token: before.resultToken });
    expect(status).toBe(200);
    expect(json).toMatchObject({ valid: true, claims: { payment_request_id: before.paidPr, status: 'SUCCEEDED' } });
    expect(await jwksKids()).toEqual(before.kids);
  });

  it('delivers the webhooks refused before the crash, under their old ids, once each', async () => {
    const delivered = () => paidEvents().filter((d) => d.answered === 200);
    await waitUntil(() => delivered().length >= 2, 'the pending webhooks after restart', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(before.pending).toHaveLength(2);
    expect(
      delivered()
        .map((d) => String(d.headers['webhook-id']))
        .sort(),
    ).toEqual(before.pending);
    expect(
      delivered()
        .map((d) => d.event.event)
        .sort(),
    ).toEqual(['payment.capture', 'payment_session.completed']);
  });
});

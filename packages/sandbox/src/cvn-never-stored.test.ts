import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, createSession, idemKey, pay, start, withCard, type TestSandbox } from './test-helpers';

/** A valid Amex CVN that no fixed part of the flow contains. */
const SENTINEL = '7391';
const hashes = ['sha256', 'sha1', 'md5'].flatMap((alg) => {
  const digest = createHash(alg).update(SENTINEL).digest();
  return [digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
});

/**
 * `text` without the random values it legitimately holds (UUIDs, JWS, key material, the port in
 * the gateway's origin): digits in those could spell the sentinel by chance.
 */
function withoutRandomValues(text: string): string {
  return text
    .replaceAll(sb.origin, '<gateway>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '<jws>')
    .replace(/"[\w-]{43}"/g, '"<key>"');
}

let sb: TestSandbox;
let dataDir: string;
const log: string[] = [];
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-data-'));
  sb = await start({ dataDir, maxPaymentRequests: 2, log: (line) => log.push(line) });
});
afterAll(async () => {
  await sb.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every file of the database (main, -wal, -shm) as latin1 text, byte for byte. */
function databaseFiles(): Map<string, string> {
  return new Map(readdirSync(dataDir).map((name) => [name, readFileSync(join(dataDir, name)).toString('latin1')]));
}

function expectNoSentinel(where: string, text: string): void {
  const cleaned = withoutRandomValues(text);
  const at = cleaned.indexOf(SENTINEL);
  expect(at, `${where} holds the CVN: ${JSON.stringify(cleaned.slice(Math.max(0, at - 60), at + 60))}`).toBe(-1);
  for (const hash of hashes) expect(text.includes(hash), `${where} holds a hash of the CVN`).toBe(false);
}

describe('the CVN is never stored, logged or hashed (security invariant 7)', () => {
  let sessionId = '';

  it('runs a whole flow with the sentinel CVN: refusals, success, replay, conflict, 3-D Secure', async () => {
    const session = await createSession(sb, withCard('cpt-amex-challenge'));
    sessionId = session.payment_session_id;
    let token = await clientToken(sb, sessionId);
    const answers: unknown[] = [];
    for (const bad of [`${SENTINEL}5`, `${SENTINEL.slice(0, 3)}x`, SENTINEL.slice(0, 3)]) {
      const refused = await pay(sb, { token, session: sessionId, cvn: bad });
      expect(refused.status).toBe(400);
      expect(refused.json.error_code).toBe('API_VALIDATION_ERROR');
      answers.push(refused.json);
      token = refused.json.client_token;
    }
    const key = idemKey();
    const paid = await pay(sb, { token, session: sessionId, cvn: SENTINEL, key });
    expect(paid.status).toBe(200);
    const replay = await pay(sb, { token, session: sessionId, cvn: SENTINEL, key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // The key again with another token: a conflict, decided on the stored fingerprint alone.
    const other = await clientToken(sb, sessionId);
    const conflict = await pay(sb, { token: other, session: sessionId, cvn: SENTINEL, key });
    expect(conflict.json.error_code).toBe('IDEMPOTENCY_CONFLICT');
    answers.push(paid.json, replay.json, conflict.json);
    for (const answer of answers) expectNoSentinel('an answer', JSON.stringify(answer));

    const done = await fetch(paid.json.action_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'code=1234&action=authenticate',
      redirect: 'manual',
    });
    expect(done.status).toBe(303);
  });

  it('runs the caps and late replays with it: wrong 3-D Secure codes, out of payment requests, expired', async () => {
    const { payment_session_id: id } = await createSession(sb, withCard('cpt-amex-challenge'));
    const attempt = { token: await clientToken(sb, id), session: id, key: idemKey() };
    const first = await pay(sb, { ...attempt, cvn: SENTINEL });
    for (const code of ['0000', '0001', '0002']) {
      await fetch(first.json.action_url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `code=${code}&action=authenticate`,
        redirect: 'manual',
      });
    }
    const second = await pay(sb, { token: first.json.client_token, session: id, cvn: SENTINEL });
    expect(second.status).toBe(200);
    const capped = await pay(sb, { token: second.json.client_token, session: id, cvn: SENTINEL });
    expect(capped.json.error_code).toBe('TOO_MANY_PAYMENT_REQUESTS');
    // The first attempt again, now that the session is out of payment requests: its own answer.
    const replayed = await pay(sb, { ...attempt, cvn: SENTINEL });
    expect(replayed.text).toBe(first.text);

    const expiring = await createSession(sb, {
      ...withCard('cpt-amex-challenge'),
      expires_at: new Date(Date.now() + 1500).toISOString(),
    });
    const late = { token: await clientToken(sb, expiring.payment_session_id), session: expiring.payment_session_id };
    const lateKey = idemKey();
    const answered = await pay(sb, { ...late, cvn: SENTINEL, key: lateKey });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiring.expires_at) - Date.now() + 1100));
    const afterExpiry = await pay(sb, { ...late, cvn: SENTINEL, key: lateKey });
    expect(afterExpiry.headers.get('idempotent-replayed')).toBe('true');
    expect(afterExpiry.text).toBe(answered.text);
    for (const answer of [first, second, capped, replayed, answered, afterExpiry]) {
      expectNoSentinel('an answer', answer.text);
    }
  });

  it('logged no line holding the CVN', () => {
    const payments = log.filter((line) => line.startsWith('POST /v1/payment_with_session '));
    expect(payments).toHaveLength(12);
    expect(log.some((line) => line.startsWith('internal error'))).toBe(false);
    for (const line of log) expectNoSentinel(`log line "${line}"`, line);
  });

  it('wrote no byte of the CVN into the database files, WAL included', () => {
    const files = databaseFiles();
    expect([...files.keys()].sort()).toEqual(['sandbox.sqlite', 'sandbox.sqlite-shm', 'sandbox.sqlite-wal']);
    // The flow's writes are there to be searched: the session sits in the WAL.
    expect(files.get('sandbox.sqlite-wal')).toContain(sessionId);
    for (const [name, bytes] of files) expectNoSentinel(name, bytes);
  });

  it('holds no CVN in the database checkpointed at close', async () => {
    await sb.close(); // SQLite checkpoints the WAL into the main file and removes it
    expect(existsSync(join(dataDir, 'sandbox.sqlite-wal'))).toBe(false);
    const bytes = readFileSync(join(dataDir, 'sandbox.sqlite')).toString('latin1');
    expect(bytes).toContain(sessionId);
    expectNoSentinel('sandbox.sqlite after close', bytes);
  });
});

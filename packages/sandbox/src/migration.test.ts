import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_KEY } from './server';
import { api, createSession, jsonOf, sessionBody, start, type TestSandbox } from './test-helpers';

/** The tables as the first release wrote them: no later column. */
const FIRST_SCHEMA = `
CREATE TABLE sessions (id TEXT PRIMARY KEY, status TEXT NOT NULL, expires_at INTEGER NOT NULL,
  cvn_attempts INTEGER NOT NULL DEFAULT 0, resource TEXT NOT NULL);
CREATE TABLE payment_requests (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
  status TEXT NOT NULL, resource TEXT NOT NULL);
CREATE TABLE used_tokens (jti TEXT PRIMARY KEY, used_at INTEGER NOT NULL);
CREATE TABLE idempotency (session_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session_id, key));
CREATE TABLE webhook_outbox (id TEXT PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL,
  created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER, last_error TEXT);
CREATE TABLE signing_keys (kid TEXT PRIMARY KEY, private_jwk TEXT NOT NULL, created_at INTEGER NOT NULL);
`;

const SESSION = 'ps-00000000-0000-4000-8000-000000000001';
/** A second merchant key, added with this release. */
const OTHER_KEY = 'sk_test_other_merchant';
const KEYS = [DEFAULT_SECRET_KEY, OTHER_KEY];
const PR = 'pr-00000000-0000-4000-8000-000000000001';

let dataDir: string;
let sb: TestSandbox;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-migrate-'));
  const db = openDatabase(join(dataDir, 'sandbox.sqlite'));
  db.exec(FIRST_SCHEMA);
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 30 * 60 * 1000).toISOString();
  const body = sessionBody();
  const session = {
    ...body,
    payment_session_id: SESSION,
    status: 'ACTIVE',
    customer: null,
    card: { brand: 'visa', last4: '1091' },
    locale: 'en',
    metadata: null,
    payment_request_id: null,
    expires_at: expires,
    created: now,
    updated: now,
  };
  const pr = {
    payment_request_id: PR,
    payment_session_id: SESSION,
    reference_id: 'order-1',
    status: 'REQUIRES_ACTION',
    amount: 250000,
    currency: 'IDR',
    action_url: `http://localhost/v1/3ds/${PR}`,
    failure_code: null,
    created: now,
    updated: now,
  };
  db.prepare('INSERT INTO sessions (id, status, expires_at, resource) VALUES (?, ?, ?, ?)').run(
    SESSION,
    'ACTIVE',
    Date.parse(expires),
    JSON.stringify(session),
  );
  db.prepare('INSERT INTO payment_requests (id, session_id, status, resource) VALUES (?, ?, ?, ?)').run(
    PR,
    SESSION,
    'REQUIRES_ACTION',
    JSON.stringify(pr),
  );
  db.close();
  sb = await start({ dataDir, secretKeys: KEYS });
});
afterAll(async () => {
  await sb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const columns = (table: string) => {
  const db = openDatabase(join(dataDir, 'sandbox.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map(
      (c) => c.name,
    );
  } finally {
    db.close();
  }
};

describe('a data folder from the first release', () => {
  it('gains the new columns in place, keeping its rows', async () => {
    expect(columns('payment_requests')).toContain('wrong_codes');
    expect(columns('sessions')).toContain('owner');
    expect((await api(sb, 'GET', `/v1/payment_requests/${PR}`)).json).toMatchObject({ status: 'REQUIRES_ACTION' });
  });

  it('lets every accepted key use a session from before ownership; new sessions have an owner', async () => {
    const other = (path: string) =>
      fetch(`${sb.origin}${path}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${OTHER_KEY}:`).toString('base64')}` },
      });
    expect((await api(sb, 'GET', `/v1/sessions/${SESSION}`)).json.payment_session_id).toBe(SESSION);
    expect((await jsonOf(await other(`/v1/sessions/${SESSION}`))).payment_session_id).toBe(SESSION);
    expect((await other(`/v1/payment_requests/${PR}`)).status).toBe(200);
    const fresh = await createSession(sb);
    expect((await other(`/v1/sessions/${fresh.payment_session_id}`)).status).toBe(404);
  });

  it('counts wrong 3-D Secure codes on an old payment request from zero', async () => {
    const wrong = () =>
      fetch(`${sb.origin}/v1/3ds/${PR}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'code=0000&action=authenticate',
        redirect: 'manual',
      });
    expect(await (await wrong()).text()).toContain('2 tries left');
    expect((await wrong()).status).toBe(422);
    expect((await wrong()).status).toBe(303);
    expect((await api(sb, 'GET', `/v1/payment_requests/${PR}`)).json.failure_code).toBe('AUTHENTICATION_FAILED');
  });

  it('migrates once: a second start on the same folder changes nothing', async () => {
    await sb.stop();
    const before = columns('payment_requests');
    sb = await start({ dataDir, secretKeys: KEYS });
    expect(columns('payment_requests')).toEqual(before);
    expect(columns('sessions').filter((c) => c === 'owner')).toHaveLength(1);
    expect((await api(sb, 'GET', `/v1/payment_requests/${PR}`)).json.status).toBe('FAILED');
  });
});

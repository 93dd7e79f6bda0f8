import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, jsonOf, loadFrame, pay, sessionBody, start, type Json, type TestSandbox } from './test-helpers';

const KEY_A = 'sk_test_merchant_a_0123456789';
const KEY_B = 'sk_test_merchant_b_9876543210';

let sb: TestSandbox;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-owners-'));
  sb = await start({ dataDir, secretKeys: [KEY_A, KEY_B] });
});
afterAll(async () => {
  await sb.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A server-to-server call with `key`. */
async function as(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sb.origin}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await jsonOf(res) };
}

/** A session of key A, paid by its frame: its id, the payment request and the result token. */
async function paidByA(): Promise<{ id: string; pr: string; resultToken: string }> {
  const created = await as(KEY_A, 'POST', '/v1/sessions', sessionBody());
  expect(created.status).toBe(201);
  const id: string = created.json.payment_session_id;
  const paid = await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' });
  expect(paid.status).toBe(200);
  return { id, pr: paid.json.payment_request_id, resultToken: paid.json.result_token };
}

const notFound = (what: string, id: string) => ({ error_code: 'DATA_NOT_FOUND', message: `No ${what} ${id}` });

describe('sessions belong to the secret key that created them', () => {
  it('GET /v1/sessions/{id}: 200 for its key, 404 DATA_NOT_FOUND for another, as for no session', async () => {
    const { id } = await paidByA();
    expect((await as(KEY_A, 'GET', `/v1/sessions/${id}`)).json.payment_session_id).toBe(id);
    const foreign = await as(KEY_B, 'GET', `/v1/sessions/${id}`);
    expect(foreign).toEqual({ status: 404, json: notFound('payment session', id) });
    const unknown = 'ps-00000000-0000-4000-8000-000000000000';
    expect(await as(KEY_B, 'GET', `/v1/sessions/${unknown}`)).toEqual({
      status: 404,
      json: notFound('payment session', unknown),
    });
  });

  it('POST /v1/sessions/{id}/cancel: another key gets 404 and cancels nothing', async () => {
    const { id } = await paidByA();
    expect(await as(KEY_B, 'POST', `/v1/sessions/${id}/cancel`)).toEqual({
      status: 404,
      json: notFound('payment session', id),
    });
    expect((await as(KEY_A, 'GET', `/v1/sessions/${id}`)).json.status).toBe('ACTIVE');
    const canceled = await as(KEY_A, 'POST', `/v1/sessions/${id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.json.status).toBe('CANCELED');
  });

  it('GET /v1/payment_requests/{id}: another key gets 404', async () => {
    const { pr } = await paidByA();
    expect((await as(KEY_A, 'GET', `/v1/payment_requests/${pr}`)).json.payment_request_id).toBe(pr);
    expect(await as(KEY_B, 'GET', `/v1/payment_requests/${pr}`)).toEqual({
      status: 404,
      json: notFound('payment request', pr),
    });
  });

  it('POST /v1/tokens/validate: a genuine result token about another key’s session is not valid', async () => {
    const { id, pr, resultToken } = await paidByA();
    const mine = await as(KEY_A, 'POST', '/v1/tokens/validate', { token: resultToken });
    expect(mine.json).toMatchObject({ valid: true, claims: { payment_request_id: pr, payment_session_id: id } });
    expect(await as(KEY_B, 'POST', '/v1/tokens/validate', { token: resultToken })).toEqual({
      status: 200,
      json: { valid: false },
    });
  });

  it("each key sees its own sessions, and the browser's capability calls need no key", async () => {
    const created = await as(KEY_B, 'POST', '/v1/sessions', sessionBody());
    const id: string = created.json.payment_session_id;
    expect((await as(KEY_B, 'GET', `/v1/sessions/${id}`)).status).toBe(200);
    expect((await as(KEY_A, 'GET', `/v1/sessions/${id}`)).status).toBe(404);
    expect((await loadFrame(sb, id)).res.status).toBe(200);
  });

  it('stores a SHA-256 of the key as the owner, never the key', async () => {
    const { id } = await paidByA();
    const bytes = readdirSync(dataDir)
      .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
      .join('');
    expect(bytes).toContain(id);
    expect(bytes).toContain(createHash('sha256').update(KEY_A).digest('hex'));
    for (const key of [KEY_A, KEY_B]) {
      expect(bytes).not.toContain(key);
      expect(bytes).not.toContain(Buffer.from(`${key}:`).toString('base64'));
    }
  });
});

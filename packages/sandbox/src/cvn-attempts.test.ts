import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, createSession, loadFrame, pay, start, withCard, type TestSandbox } from './test-helpers';

const MAX = 3;
let sb: TestSandbox;
const log: string[] = [];
beforeAll(async () => {
  sb = await start({ maxCvnAttempts: MAX, log: (line) => log.push(line) });
});
afterAll(() => sb.stop());

/** A session on the card whose issuer refuses every CVN, and the frame's first client token. */
async function mismatching(): Promise<{ id: string; token: string }> {
  const { payment_session_id: id } = await createSession(sb, withCard('cpt-visa-cvn-mismatch'));
  return { id, token: await clientToken(sb, id) };
}

describe('CVN attempts cap (security invariant 8)', () => {
  it('locks the session after maxCvnAttempts wrong CVNs; then refuses every CVN and the frame', async () => {
    const { id, token: first } = await mismatching();
    // A second frame's token, taken before the lock.
    const spare = await clientToken(sb, id);
    let token = first;
    for (let attempt = 1; attempt < MAX; attempt++) {
      const refused = await pay(sb, { token, session: id, cvn: `12${attempt}` });
      expect(refused.status).toBe(400);
      expect(refused.json.error_code).toBe('INVALID_CVN');
      token = refused.json.client_token;
    }
    const locked = await pay(sb, { token, session: id, cvn: '129' });
    expect(locked.status).toBe(429);
    expect(locked.json.error_code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.json).not.toHaveProperty('client_token');

    // A token from before the lock is refused with the lock, not judged on its CVN.
    for (const cvn of ['123', '12x']) {
      const after = await pay(sb, { token: spare, session: id, cvn });
      expect(after.status).toBe(429);
      expect(after.json.error_code).toBe('TOO_MANY_ATTEMPTS');
    }
    // And a reloaded frame gets no new token, only the refusal.
    const reloaded = await loadFrame(sb, id);
    expect(reloaded.res.status).toBe(429);
    expect(reloaded.config.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(reloaded.config).not.toHaveProperty('client_token');
  });

  it('counts no malformed CVN: any number of them, then still maxCvnAttempts wrong ones to lock', async () => {
    const { id, token: first } = await mismatching();
    let token = first;
    for (const cvn of ['1', '12', '1234', '12a', 'abc', '', 123, null, '1', '12']) {
      const refused = await pay(sb, { token, session: id, cvn });
      expect(refused.status).toBe(400);
      expect(refused.json.error_code).toBe('API_VALIDATION_ERROR');
      token = refused.json.client_token;
    }
    for (let attempt = 1; attempt < MAX; attempt++) {
      const wrong = await pay(sb, { token, session: id, cvn: '123' });
      expect(wrong.json.error_code).toBe('INVALID_CVN');
      token = wrong.json.client_token;
    }
    expect((await pay(sb, { token, session: id, cvn: '123' })).json.error_code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('lets a correct CVN pass after any number of malformed ones', async () => {
    const { payment_session_id: id } = await createSession(sb);
    let token = await clientToken(sb, id);
    for (let i = 0; i < MAX * 3; i++) {
      const refused = await pay(sb, { token, session: id, cvn: '1' });
      expect(refused.json.error_code).toBe('API_VALIDATION_ERROR');
      token = refused.json.client_token;
    }
    expect((await pay(sb, { token, session: id, cvn: '123' })).status).toBe(200);
  });

  it('locks at exactly maxCvnAttempts under parallel wrong CVNs; nothing passes after the lock', async () => {
    const { id } = await mismatching();
    // Each call needs its own token; a reloaded frame hands out one each time.
    const tokens = await Promise.all(Array.from({ length: 12 }, () => clientToken(sb, id)));
    log.length = 0;
    const results = await Promise.all(tokens.map((token) => pay(sb, { token, session: id, cvn: '123' })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(MAX - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - (MAX - 1));
    // The log is written in the order the answers were committed: nothing but 429 after the lock.
    const order = log.filter((l) => l.startsWith('POST /v1/payment_with_session ')).map((l) => Number(l.split(' ')[2]));
    expect(order).toHaveLength(12);
    const lockedAt = order.indexOf(429);
    expect(lockedAt).toBe(MAX - 1);
    expect(order.slice(lockedAt)).toEqual(Array(12 - lockedAt).fill(429));
    // And the session stays locked: the frame is refused from now on.
    expect((await loadFrame(sb, id)).res.status).toBe(429);
  });
});

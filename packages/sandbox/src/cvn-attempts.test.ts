import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, createSession, loadFrame, pay, start, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
const log: string[] = [];
beforeAll(async () => {
  sb = await start({ maxCvnAttempts: 3, log: (line) => log.push(line) });
});
afterAll(() => sb.stop());

describe('CVN attempts cap (security invariant 8)', () => {
  it('locks the session after maxCvnAttempts wrong CVNs; then refuses even a correct one', async () => {
    const { payment_session_id: id } = await createSession(sb);
    let token = await clientToken(sb, id);
    // A second frame's token, taken before the lock.
    const spare = await clientToken(sb, id);
    for (const attempt of [1, 2]) {
      const refused = await pay(sb, { token, session: id, cvn: `x${attempt}` });
      expect(refused.status).toBe(400);
      expect(refused.json.error_code).toBe('INVALID_CVN');
      token = refused.json.client_token;
    }
    const locked = await pay(sb, { token, session: id, cvn: '12' });
    expect(locked.status).toBe(429);
    expect(locked.json.error_code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.json).not.toHaveProperty('client_token');

    // A token from before the lock cannot pass a correct CVN now.
    const correct = await pay(sb, { token: spare, session: id, cvn: '123' });
    expect(correct.status).toBe(429);
    expect(correct.json.error_code).toBe('TOO_MANY_ATTEMPTS');
    // And a reloaded frame gets no new token, only the refusal.
    const reloaded = await loadFrame(sb, id);
    expect(reloaded.res.status).toBe(429);
    expect(reloaded.config.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(reloaded.config).not.toHaveProperty('client_token');
  });

  it('accepts a correct CVN after fewer than maxCvnAttempts wrong ones', async () => {
    const { payment_session_id: id } = await createSession(sb);
    let token = await clientToken(sb, id);
    for (const cvn of ['1', '12']) {
      const refused = await pay(sb, { token, session: id, cvn });
      expect(refused.status).toBe(400);
      token = refused.json.client_token;
    }
    expect((await pay(sb, { token, session: id, cvn: '123' })).status).toBe(200);
  });

  it('accepts no CVN once parallel wrong ones have locked the session', async () => {
    const { payment_session_id: id } = await createSession(sb);
    // Each call needs its own token; a reloaded frame hands out one each time.
    const tokens = await Promise.all(Array.from({ length: 12 }, () => clientToken(sb, id)));
    log.length = 0;
    const results = await Promise.all(
      tokens.map((token, i) => pay(sb, { token, session: id, cvn: i % 2 ? '123' : '12' })),
    );
    const wrong = results.filter((_, i) => i % 2 === 0).map((r) => r.status);
    expect(wrong.filter((s) => s === 400)).toHaveLength(2);
    expect(wrong.filter((s) => s === 429)).toHaveLength(4);
    // The log is written in the order the answers were committed: nothing passes after the lock.
    const order = log.filter((l) => l.startsWith('POST /v1/payment_with_session ')).map((l) => Number(l.split(' ')[2]));
    expect(order).toHaveLength(12);
    const lockedAt = order.indexOf(429);
    expect(lockedAt).toBeGreaterThan(-1);
    expect(order.slice(lockedAt)).toEqual(Array(12 - lockedAt).fill(429));
    // And the session stays locked: the frame is refused from now on.
    expect((await loadFrame(sb, id)).res.status).toBe(429);
  });
});

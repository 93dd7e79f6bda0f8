import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientToken,
  createSession,
  pay,
  start,
  startReceiver,
  waitUntil,
  withCard,
  type Receiver,
  type TestSandbox,
} from './test-helpers';

let receiver: Receiver;
/** Where the receiver's redirects point: it must never hear a thing. */
let elsewhere: Receiver;
let sb: TestSandbox;
const log: string[] = [];
beforeAll(async () => {
  receiver = await startReceiver();
  elsewhere = await startReceiver();
  sb = await start({
    webhooks: { url: receiver.url, baseDelayMs: 50, pollMs: 20 },
    log: (line) => log.push(line),
  });
});
afterAll(async () => {
  await sb?.stop();
  await receiver?.close();
  await elsewhere?.close();
});

describe('webhook deliveries never follow redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i is a failed delivery: logged, retried with backoff, the target never reached',
    async (status) => {
      const { payment_session_id: id } = await createSession(sb, withCard('cpt-visa-frictionless'));
      const tries = new Map<string, number>();
      receiver.respond = (d) => {
        if (d.event?.data?.payment_session_id !== id) return 200;
        const n = (tries.get(d.event.id) ?? 0) + 1;
        tries.set(d.event.id, n);
        return n <= 2 ? { status, headers: { Location: elsewhere.url } } : 200;
      };
      expect((await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' })).status).toBe(200);
      const ours = () => receiver.deliveries.filter((d) => d.event?.data?.payment_session_id === id);
      // Acknowledged at the receiver, then marked delivered in the outbox once the answer is read.
      const delivered = () =>
        [...tries.keys()].filter((eventId) => sb.webhookLog().find((e) => e.id === eventId)?.delivered_at != null);
      await waitUntil(() => tries.size === 2 && delivered().length === 2, 'both events delivered');

      expect(elsewhere.deliveries).toEqual([]);
      const ids = [...tries.keys()];
      expect(ids).toHaveLength(2);
      for (const eventId of ids) {
        const attempts = ours().filter((d) => d.headers['webhook-id'] === eventId);
        expect(attempts.map((d) => d.answered)).toEqual([status, status, 200]);
        // Backoff as for any failure: 50 ms, then 100 ms.
        expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(45);
        expect((attempts[2]?.at ?? 0) - (attempts[1]?.at ?? 0)).toBeGreaterThanOrEqual(95);
        expect(sb.webhookLog().find((e) => e.id === eventId)).toMatchObject({
          attempts: 3,
          last_error: `HTTP ${status} redirect, not followed`,
        });
        const failures = log.filter((l) => l.includes(eventId) && l.includes('failed'));
        expect(failures).toHaveLength(2);
        for (const line of failures) expect(line).toContain(`failed (HTTP ${status} redirect, not followed), retry in`);
      }
      receiver.respond = () => 200;
    },
  );
});

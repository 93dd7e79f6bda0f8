import { MessageName } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkParent } from './messaging';

// post-robot's `send` rejects at once with "no handler" when the page listens to no window of
// this frame yet; the fake plays that answer a number of times, then takes the message.
const robot = vi.hoisted(() => ({
  refusals: 0,
  sent: [] as { name: string; data: unknown; domain: unknown; fireAndForget?: unknown }[],
}));
vi.mock('post-robot', () => ({
  on: () => ({ cancel: () => undefined }),
  send(_win: unknown, name: string, data: unknown, options: { domain: unknown; fireAndForget?: unknown }) {
    robot.sent.push({ name, data, domain: options.domain, fireAndForget: options.fireAndForget });
    if (robot.refusals-- > 0) return Promise.reject(new Error('No handler found for post message'));
    return Promise.resolve({ data: undefined });
  },
}));

const ORIGIN = 'https://shop.example';
const CHANNEL = 'Chan_nel-0123456789abcdefABCDEF';
const READY = { version: 1, brand: 'visa', locale: 'en', height: 44 } as const;

describe('linkParent announce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    robot.sent.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('sends once when the page takes it, asking for the answer that tells it so', async () => {
    robot.refusals = 0;
    linkParent(window, ORIGIN, CHANNEL).announce(MessageName.Ready, READY);
    await vi.runAllTimersAsync();
    expect(robot.sent).toEqual([
      { name: MessageName.Ready, data: { ...READY, channel: CHANNEL }, domain: ORIGIN, fireAndForget: undefined },
    ]);
  });

  it('repeats, with growing waits, until a listener of the page takes it', async () => {
    robot.refusals = 3;
    linkParent(window, ORIGIN, CHANNEL, [10, 20, 40, 80]).announce(MessageName.Ready, READY);
    await vi.advanceTimersByTimeAsync(9);
    expect(robot.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(robot.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60);
    expect(robot.sent).toHaveLength(4);
    await vi.runAllTimersAsync();
    expect(robot.sent).toHaveLength(4);
    for (const message of robot.sent) expect(message.domain).toBe(ORIGIN);
  });

  it('gives up after its last wait when nobody ever listens', async () => {
    robot.refusals = 100;
    linkParent(window, ORIGIN, CHANNEL, [10, 20]).announce(MessageName.Ready, READY);
    await vi.runAllTimersAsync();
    expect(robot.sent).toHaveLength(3);
  });
});

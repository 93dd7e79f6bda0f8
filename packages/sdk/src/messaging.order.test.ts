import { MessageName, PROTOCOL_VERSION } from '@cards-session/protocol';
import { describe, expect, it, vi } from 'vitest';
import { connectFrame, type FrameHandlers } from './messaging';
import { serveBlankFrames } from './messaging.fake';

// The script-tag build evaluates post-robot on its first `on` call (scripts/rollup-lazy-post-robot.mjs),
// after the frame is in the page. This fake plays that: its first call is a slow evaluation, and
// only listeners registered by then hear a message. The frame's first message is a task queued
// the moment the iframe is inserted: sooner than any real frame can load and speak.
const robot = vi.hoisted(() => ({
  evaluated: false,
  /** Whether the frame was in the page when post-robot was evaluated. */
  frameInPageAtEvaluation: null as boolean | null,
  listeners: new Map<string, (event: { origin: string; source: unknown; data: unknown }) => unknown>(),
}));
vi.mock('post-robot', () => ({
  on(name: string, _options: unknown, handler: (event: { origin: string; source: unknown; data: unknown }) => unknown) {
    if (!robot.evaluated) {
      robot.evaluated = true;
      robot.frameInPageAtEvaluation = document.querySelector('iframe')?.isConnected ?? false;
      const until = performance.now() + 80;
      while (performance.now() < until); // a slow second stage: 80 ms of evaluation
    }
    robot.listeners.set(name, handler);
    return { cancel: () => robot.listeners.delete(name) };
  },
  send: () => Promise.reject(new Error('not used')),
}));

serveBlankFrames();
const ORIGIN = 'https://gw.example';
const CHANNEL = 'order-test-channel-0123456789';

describe('connectFrame: the frame first, post-robot after, no message lost', () => {
  it('inserts the frame before post-robot is evaluated, and listens before any task can deliver ready', async () => {
    const ready = vi.fn();
    const handlers = Object.fromEntries(
      Object.values(MessageName).map((name) => [name, name === MessageName.Ready ? ready : () => undefined]),
    ) as unknown as FrameHandlers;
    const body = { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 44, channel: CHANNEL };
    let delivered: boolean | null = null;
    const link = await connectFrame(
      () => {
        const iframe = document.createElement('iframe');
        document.body.append(iframe);
        const win = iframe.contentWindow as Window;
        // The frame's ready, as early as a task can be: lost if nothing listens by then.
        setTimeout(() => {
          const listener = robot.listeners.get(MessageName.Ready);
          delivered = Boolean(listener);
          listener?.({ origin: ORIGIN, source: win, data: body });
        }, 0);
        expect(robot.evaluated).toBe(false);
        return win;
      },
      ORIGIN,
      CHANNEL,
      handlers,
    );
    expect(robot.frameInPageAtEvaluation).toBe(true);
    await vi.waitFor(() => expect(delivered).not.toBeNull());
    expect(delivered).toBe(true);
    expect(ready).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ brand: 'visa', channel: CHANNEL }));
    link.close();
    expect(robot.listeners.size).toBe(0);
  });
});

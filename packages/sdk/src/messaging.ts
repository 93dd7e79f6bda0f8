import {
  ErrorCode,
  parseParentBound,
  parseReply,
  type CommandName,
  type FrameBoundPayloads,
  type MessageBody,
  type ParentBoundName,
  type ParentBoundPayloads,
  type Replies,
  type RequestName,
} from '@cards-session/protocol';
import type { on, send } from 'post-robot';
import { CardsSessionError } from './errors';

type PostRobot = { on: typeof on; send: typeof send };

let loading: Promise<PostRobot> | undefined;

// post-robot touches `window` when evaluated, so it is loaded on first mount, never on import:
// importing the SDK during server-side rendering must not throw. In the script-tag build it is
// inlined but evaluated only by the first `on`, which `connectFrame` makes after `insert`
// (scripts/rollup-lazy-post-robot.mjs): the frame request does not wait for it.
function loadPostRobot(): Promise<PostRobot> {
  loading ??= import('post-robot').then(({ on, send }) => ({ on, send }));
  return loading;
}

/** Handlers for what one frame may say; each gets a schema-checked payload. */
export type FrameHandlers = {
  [N in ParentBoundName]: (payload: ParentBoundPayloads[N]) => void;
};

/** The page's only line to one frame: its window, the gateway's exact origin, one channel. */
export interface FrameLink {
  /** The frame window the link listens to and sends to. */
  readonly window: Window;
  /**
   * Listens to and talks with `win` from now on, and no longer with the old window: the same
   * mount's frame after the browser replaced its window (the iframe was moved in the DOM).
   */
  rebind(win: Window): void;
  /**
   * Sends the request `name` to the frame on this link's channel and resolves to the frame's
   * reply, checked by the reply's schema. Rejects with `NETWORK_ERROR` when the frame does not
   * answer within `timeout` ms, and with `INTERNAL_ERROR` when the reply is malformed or comes
   * from another window or origin.
   */
  request<N extends RequestName>(
    name: N,
    payload: MessageBody<FrameBoundPayloads[N]>,
    timeout: number,
  ): Promise<Replies[N]>;
  /**
   * Sends a command, which asks for no acknowledgement or answer (post-robot's `fireAndForget`);
   * a frame that went away is not an error.
   */
  command<N extends CommandName>(name: N, payload: MessageBody<FrameBoundPayloads[N]>): void;
  close(): void;
}

/**
 * Loads post-robot, calls `insert` to put the frame in the page, and listens to that frame's
 * window at `origin` in the same task, before the frame can say anything: nothing may be awaited
 * between `insert` and the first `on`. Messages from any
 * other window or origin, for another channel, or not matching the protocol schema are dropped
 * without throwing.
 */
export async function connectFrame(
  insert: () => Window,
  origin: string,
  channel: string,
  handlers: FrameHandlers,
): Promise<FrameLink> {
  const postRobot = await loadPostRobot();
  let win = insert();
  const listen = (target: Window) =>
    (Object.keys(handlers) as ParentBoundName[]).map((name) =>
      postRobot.on(name, { window: target, domain: origin, errorHandler: () => undefined }, (event) => {
        if (event.origin !== origin || event.source !== target) return undefined;
        const payload = parseParentBound(name, event.data);
        if (!payload || payload.channel !== channel) return undefined;
        (handlers[name] as (p: typeof payload) => void)(payload);
        return undefined;
      }),
    );
  let listeners = listen(win);
  const close = () => {
    for (const listener of listeners) listener.cancel();
  };
  return {
    get window() {
      return win;
    },
    rebind(next) {
      close();
      win = next;
      listeners = listen(next);
    },
    async request(name, payload, timeout) {
      const target = win;
      let event;
      try {
        event = await postRobot.send(target, name, { ...payload, channel }, { domain: origin, timeout });
      } catch (cause) {
        throw new CardsSessionError(ErrorCode.NETWORK_ERROR, 'The payment field did not answer', { cause });
      }
      const reply = event.origin === origin && event.source === target ? parseReply(name, event.data) : null;
      if (!reply)
        throw new CardsSessionError(ErrorCode.INTERNAL_ERROR, 'The payment field answered with a malformed reply');
      return reply;
    },
    command(name, payload) {
      // No answer is awaited, so none is asked for: the frame sends no ack and no response.
      postRobot
        .send(win, name, { ...payload, channel }, { domain: origin, fireAndForget: true })
        .catch(() => undefined);
    },
    close,
  };
}

import {
  ErrorCode,
  MessageName,
  parseFocusReply,
  parseParentBound,
  parseSubmitReply,
  type FrameBoundName,
  type FrameBoundPayloads,
  type ParentBoundName,
  type ParentBoundPayloads,
  type SubmitReply,
} from '@cards-session/protocol';
import type { on, send } from 'post-robot';
import { CardsSessionError } from './errors';

type PostRobot = { on: typeof on; send: typeof send };

let loading: Promise<PostRobot> | undefined;

// post-robot touches `window` when evaluated, so it is loaded on first mount, never on import:
// importing the SDK during server-side rendering must not throw.
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
  submit(timeout: number): Promise<SubmitReply>;
  /** Asks the frame to focus its input; resolves whether it took (`false` when it did not answer). */
  focus(timeout: number): Promise<boolean>;
  /** Sends a command that needs no answer; a frame that went away is not an error. */
  command<N extends Exclude<FrameBoundName, typeof MessageName.Submit | typeof MessageName.FocusInput>>(
    name: N,
    payload: Omit<FrameBoundPayloads[N], 'channel'>,
  ): void;
  close(): void;
}

/**
 * Loads post-robot, calls `insert` to put the frame in the page, and listens to that frame's
 * window at `origin` in the same task, before the frame can say anything. Messages from any
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
    async submit(timeout) {
      const target = win;
      let event;
      try {
        event = await postRobot.send(target, MessageName.Submit, { channel }, { domain: origin, timeout });
      } catch (cause) {
        throw new CardsSessionError(ErrorCode.NETWORK_ERROR, 'The payment field did not answer', { cause });
      }
      const reply = event.origin === origin && event.source === target ? parseSubmitReply(event.data) : null;
      if (!reply)
        throw new CardsSessionError(ErrorCode.INTERNAL_ERROR, 'The payment field answered with a malformed reply');
      return reply;
    },
    async focus(timeout) {
      const target = win;
      try {
        const event = await postRobot.send(target, MessageName.FocusInput, { channel }, { domain: origin, timeout });
        const reply = event.origin === origin && event.source === target ? parseFocusReply(event.data) : null;
        return reply?.focused ?? false;
      } catch {
        return false;
      }
    },
    command(name, payload) {
      postRobot.send(win, name, { ...payload, channel }, { domain: origin }).catch(() => undefined);
    },
    close,
  };
}

import {
  MessageName,
  type MessageBody,
  type ParentBoundName,
  type ParentBoundPayloads,
  type Replies,
  type SubmitReply,
} from '@cards-session/protocol';
import type { FrameHandlers, FrameLink } from './messaging';

/** A frame the fake messaging layer connected, and the controls a test plays it with. */
export interface FakeFrame {
  /** The window the link listens to now. */
  win: Window;
  /** Earlier windows the link was bound to, oldest first. */
  windows: Window[];
  origin: string;
  channel: string;
  handlers: FrameHandlers;
  closed: boolean;
  /** The timeouts of the submits the page sent. */
  submits: number[];
  /** The commands (update, focus, blur, clear) the page sent. */
  commands: { name: string; payload: unknown }[];
  /** How the frame answers a submit; a test replaces it. */
  reply: () => Promise<SubmitReply>;
  /** Whether the frame's input takes focus when asked; a test replaces it. */
  focusReply: () => Promise<boolean>;
  /** Delivers a message on this frame's channel, as post-robot would until the link is closed. */
  say<N extends ParentBoundName>(name: N, payload: MessageBody<ParentBoundPayloads[N]>): void;
}

/** Test doubles for `./messaging`: `vi.mock('./messaging', () => import('./messaging.fake'))`. */
export const fake = {
  frames: [] as FakeFrame[],
  /** When set, the fake waits for it before inserting the frame, as the post-robot download does. */
  loading: null as Promise<void> | null,
  /** When set, connecting fails with it. */
  failure: null as Error | null,
  reset(): void {
    fake.frames.length = 0;
    fake.loading = null;
    fake.failure = null;
  },
  last(): FakeFrame {
    const frame = fake.frames.at(-1);
    if (!frame) throw new Error('no frame was connected');
    return frame;
  },
};

export async function connectFrame(
  insert: () => Window,
  origin: string,
  channel: string,
  handlers: FrameHandlers,
): Promise<FrameLink> {
  if (fake.loading) await fake.loading;
  if (fake.failure) throw fake.failure;
  const frame: FakeFrame = {
    win: insert(),
    windows: [],
    origin,
    channel,
    handlers,
    closed: false,
    submits: [],
    commands: [],
    reply: () => new Promise<SubmitReply>(() => undefined),
    focusReply: () => Promise.resolve(true),
    say(name, payload) {
      if (frame.closed) return;
      (handlers[name] as (p: unknown) => void)({ ...payload, channel });
    },
  };
  fake.frames.push(frame);
  return {
    get window() {
      return frame.win;
    },
    rebind(win) {
      frame.windows.push(frame.win);
      frame.win = win;
    },
    request(name, _payload, timeout) {
      if (name === MessageName.Submit) {
        frame.submits.push(timeout);
        return frame.reply() as Promise<Replies[typeof name]>;
      }
      frame.commands.push({ name, payload: { timeout } });
      return frame.focusReply().then((focused) => ({ focused })) as Promise<Replies[typeof name]>;
    },
    command(name, payload) {
      frame.commands.push({ name, payload });
    },
    close() {
      frame.closed = true;
    },
  };
}

interface HappyDomSettings {
  enableIframePageLoading: boolean;
  fetch: { interceptor: { beforeAsyncRequest(context: { request: Request }): Promise<Response> } | null };
}

/**
 * Lets happy-dom load frames, answering each frame request with an empty page: the frame gets a
 * real `contentWindow`, and happy-dom does not log that frame loading is disabled. Returns the
 * URLs requested.
 */
export function serveBlankFrames(): string[] {
  const requested: string[] = [];
  const settings = (window as unknown as { happyDOM: { settings: HappyDomSettings } }).happyDOM.settings;
  settings.enableIframePageLoading = true;
  settings.fetch.interceptor = {
    async beforeAsyncRequest({ request }) {
      requested.push(request.url);
      return new Response('<!doctype html><title>frame</title>', { headers: { 'Content-Type': 'text/html' } });
    },
  };
  return requested;
}

/** The npm build's tooltip loader, for tests that construct fields directly. */
export const loadTooltips = () => import('./tooltip');

import { on, send } from 'post-robot';
import {
  parseFrameBound,
  type FrameBoundName,
  type FrameBoundPayloads,
  type MessageBody,
  type ParentBoundName,
  type ParentBoundPayloads,
  type Replies,
  type RequestName,
} from '@cards-session/protocol';

type Body<N extends ParentBoundName> = MessageBody<ParentBoundPayloads[N]>;

/**
 * What a handler of a message from the page returns: that message's reply, which goes back to the
 * page, or a promise of it. A command's handler returns nothing.
 */
export type Answer<N extends FrameBoundName> = N extends RequestName ? Replies[N] | Promise<Replies[N]> : undefined;

/** Every property name of `T`, at any depth. */
type DeepKeys<T> = T extends readonly unknown[]
  ? DeepKeys<T[number]>
  : T extends object
    ? { [K in keyof T]-?: K | DeepKeys<NonNullable<T[K]>> }[keyof T]
    : never;

/**
 * Nothing when the answer `R` has no key, at any depth, that the reply to `N` lacks; else a
 * required argument no call can give. TypeScript checks no excess key in a callback's returned
 * object, and such a key could carry the CVN to the page under any name.
 */
type NoUnknownKeys<N extends FrameBoundName, R> = [Exclude<DeepKeys<Awaited<R>>, DeepKeys<Answer<N>>>] extends [never]
  ? []
  : [unknownKeysInReply: Exclude<DeepKeys<Awaited<R>>, DeepKeys<Answer<N>>>];

/**
 * Waits between announcements nobody took, in ms: about 11 s in all, and no gap over 500 ms in
 * the first 3.5 s, well inside the SDK's 1.5 s of patience with a frame it re-bound.
 */
const ANNOUNCE_RETRIES = [
  50,
  100,
  150,
  200,
  ...Array(5).fill(250),
  ...Array(4).fill(500),
  1000,
  1000,
  1000,
  2000,
  2000,
];

/** The frame's only line to the merchant page: one window, one exact origin, one channel. */
export interface ParentLink {
  /** Sends an event, asking for no acknowledgement or answer; lost if the page does not listen. */
  send<N extends ParentBoundName>(name: N, payload: Body<N>): void;
  /**
   * Sends until a listener of the page's SDK has taken it. A page whose frame was moved in its
   * DOM (a new window for the same mount) starts listening to the new window only after it
   * loads: the announcement is repeated until then.
   */
  announce<N extends ParentBoundName>(name: N, payload: Body<N>): void;
  /**
   * Handles `name` from the page: `handler` gets the schema-checked payload and returns the reply.
   * Messages from any other window or origin, for another channel, or not matching the protocol
   * schema are dropped without throwing and get no reply.
   */
  on<N extends FrameBoundName, R extends Answer<N>>(
    name: N,
    handler: (payload: FrameBoundPayloads[N]) => R,
    ...noUnknownKeys: NoUnknownKeys<N, R>
  ): void;
}

/**
 * Connects to `parent` at `origin` — the origin the gateway bound to the session, never one
 * taken from the parent, `document.referrer` or `ancestorOrigins`.
 */
export function linkParent(
  parent: Window,
  origin: string,
  channel: string,
  retries: readonly number[] = ANNOUNCE_RETRIES,
): ParentLink {
  return {
    send(name, payload) {
      // An event needs no answer: fire and forget spares the page an ack and a response per
      // event, and this frame a pending listener with its timer. Errors (the page went away)
      // are not the shopper's problem: drop them.
      send(parent, name, { ...payload, channel }, { domain: origin, fireAndForget: true }).catch(() => undefined);
    },
    announce(name, payload) {
      // post-robot answers "no handler" at once when nothing listens to this window yet.
      const attempt = (i: number): void =>
        void send(parent, name, { ...payload, channel }, { domain: origin }).catch(() => {
          const wait = retries[i];
          if (wait !== undefined) setTimeout(() => attempt(i + 1), wait);
        });
      attempt(0);
    },
    // The rest parameter exists for the type check only: no call passes one.
    on(name, handler, ..._noUnknownKeys) {
      on(name, { window: parent, domain: origin, errorHandler: () => undefined }, (event) => {
        if (event.origin !== origin || event.source !== parent) return undefined;
        const payload = parseFrameBound(name, event.data);
        if (!payload || payload.channel !== channel) return undefined;
        return handler(payload);
      });
    },
  };
}

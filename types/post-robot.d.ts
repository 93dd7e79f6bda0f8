// The slice of post-robot 10's API the two messaging modules use; the package ships Flow types only.
declare module 'post-robot' {
  interface MessageEvent<T = unknown> {
    source: Window;
    origin: string;
    data: T;
  }
  interface Listener {
    cancel(): void;
  }
  /** Listens for `name` from one window at one origin. */
  export function on(
    name: string,
    options: { window: Window; domain: string; errorHandler?: (err: unknown) => void },
    handler: (event: MessageEvent) => unknown,
  ): Listener;
  /** Sends `name` to one window at one origin; resolves with the answer. */
  export function send(
    win: Window,
    name: string,
    data: unknown,
    options: { domain: string; timeout?: number; fireAndForget?: boolean },
  ): Promise<MessageEvent>;
}

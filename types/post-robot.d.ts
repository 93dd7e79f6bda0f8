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
  interface PostRobot {
    on(
      name: string,
      options: { window: Window; domain: string; errorHandler?: (err: unknown) => void },
      handler: (event: MessageEvent) => unknown,
    ): Listener;
    send(
      win: Window,
      name: string,
      data: unknown,
      options: { domain: string; timeout?: number; fireAndForget?: boolean },
    ): Promise<MessageEvent>;
  }
  const postRobot: PostRobot;
  export default postRobot;
}

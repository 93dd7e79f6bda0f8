import { servers } from '../env';
import { findTarget, scrollToCenter } from './in-page';
import { startFirefox, type Bidi } from './bidi';
import {
  DESKTOP,
  PHONE,
  waitFor,
  type Json,
  type Key,
  type Launcher,
  type Profile,
  type Scope,
  type Shopper,
  type Target,
} from './shopper';

interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}
type ScriptResult =
  { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };

/**
 * Firefox with Fission on (as shoppers run it) over WebDriver BiDi. Playwright's keyboard cannot
 * reach an out-of-process frame, so every action is sent to the browsing context of the frame it
 * is for: clicks to the target's frame, keys to the frame that has focus.
 */
export async function fissionLauncher(profile: Profile): Promise<Launcher> {
  const phone = profile === 'phone';
  // A phone has a touch screen (pages see touch events) and scrollbars that take no room.
  const firefox = await startFirefox(phone ? { 'dom.w3c_touch_events.enabled': 1, 'ui.useOverlayScrollbars': 1 } : {});
  const { bidi } = firefox;
  return {
    async newShopper({ proxy } = {}) {
      // A user context per test: cookies and storage of their own, and optionally a proxy.
      const { userContext } = await bidi.send<{ userContext: string }>(
        'browser.createUserContext',
        proxy ? { proxy: { proxyType: 'manual', httpProxy: proxy } } : {},
      );
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab', userContext });
      await bidi.send(
        'browsingContext.setViewport',
        phone
          ? { context, viewport: { width: PHONE.width, height: PHONE.height }, devicePixelRatio: PHONE.scale }
          : { context, viewport: DESKTOP },
      );
      return new BidiShopper(bidi, context, userContext, profile);
    },
    close: () => firefox.close(),
  };
}

const KEYS: Record<Exclude<Key, 'Shift+Tab'>, string> = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  End: '\uE010',
};
const SHIFT = '\uE008';

class BidiShopper implements Shopper {
  readonly engine = 'firefox-fission';
  readonly touch: boolean;

  constructor(
    private readonly bidi: Bidi,
    private readonly top: string,
    private readonly userContext: string,
    readonly profile: Profile,
  ) {
    this.touch = profile === 'phone';
  }

  async goto(path: string) {
    await this.bidi.send('browsingContext.navigate', {
      context: this.top,
      url: `${servers.merchant}${path}`,
      wait: 'complete',
    });
  }

  async url() {
    const { contexts } = await this.bidi.send<{ contexts: { url: string }[] }>('browsingContext.getTree', {
      root: this.top,
      maxDepth: 0,
    });
    return contexts[0]?.url ?? '';
  }

  /** Calls `declaration` with `args` in `context`; the result as BiDi serialised it. */
  private async call(context: string, declaration: string, args: RemoteValue[] = []): Promise<RemoteValue> {
    const answer = await this.bidi.send<ScriptResult>('script.callFunction', {
      functionDeclaration: declaration,
      arguments: args,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (answer.type === 'exception') throw new Error(answer.exceptionDetails.text);
    return answer.result;
  }

  /** Frame contexts found so far, by iframe selector; dropped once the frame is gone. */
  private readonly frames = new Map<string, string>();

  /**
   * The browsing context of the scope: the top page, or the frame its iframe shows. A frame found
   * before is checked in the context tree, without running script in the page.
   */
  private async contextOf(scope: Scope): Promise<string> {
    if (!scope.frame) return this.top;
    const known = this.frames.get(scope.frame);
    if (known) {
      const { contexts } = await this.bidi.send<{ contexts: { children: { context: string }[] }[] }>(
        'browsingContext.getTree',
        { root: this.top, maxDepth: 1 },
      );
      if (contexts[0]?.children.some((child) => child.context === known)) return known;
    }
    const selector = JSON.stringify(scope.frame);
    const found = await waitFor(`frame ${scope.frame}`, async () => {
      const value = await this.call(this.top, `() => document.querySelector(${selector})?.contentWindow ?? null`);
      return value.type === 'window' ? (value.value as { context: string }).context : null;
    });
    this.frames.set(scope.frame, found);
    return found;
  }

  /** The context whose document has keyboard focus: down through focused iframes from the top. */
  private async focusedContext(): Promise<string> {
    let context = this.top;
    for (let depth = 0; depth < 4; depth++) {
      const inner = await this.call(
        context,
        `() => document.activeElement instanceof HTMLIFrameElement ? document.activeElement.contentWindow : null`,
      );
      if (inner.type !== 'window') break;
      context = (inner.value as { context: string }).context;
    }
    return context;
  }

  async click(target: Target, scope: Scope = {}) {
    const context = await this.contextOf(scope);
    if (scope.frame)
      await this.call(this.top, `() => (${scrollToCenter})(document.querySelector(${JSON.stringify(scope.frame)}))`);
    const node = await waitFor(JSON.stringify(target), async () => {
      const value = await this.call(context, `() => (${findTarget})(${JSON.stringify(target)})`);
      return value.type === 'node' ? value : null;
    });
    const element = { sharedId: node.sharedId };
    await this.call(context, String(scrollToCenter), [element as RemoteValue]);
    await this.bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: this.touch ? 'finger' : 'mouse',
          parameters: { pointerType: this.touch ? 'touch' : 'mouse' },
          actions: [
            { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  private async keys(actions: { type: 'keyDown' | 'keyUp'; value: string }[]) {
    const context = await this.focusedContext();
    await this.bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  async type(text: string) {
    await this.keys(
      [...text].flatMap((value) => [
        { type: 'keyDown' as const, value },
        { type: 'keyUp' as const, value },
      ]),
    );
  }

  async press(key: Key) {
    if (key === 'Shift+Tab') {
      const tab = KEYS.Tab;
      await this.keys([
        { type: 'keyDown', value: SHIFT },
        { type: 'keyDown', value: tab },
        { type: 'keyUp', value: tab },
        { type: 'keyUp', value: SHIFT },
      ]);
    } else
      await this.keys([
        { type: 'keyDown', value: KEYS[key] },
        { type: 'keyUp', value: KEYS[key] },
      ]);
  }

  async addScript(scope: Scope, source: string) {
    const answer = await this.bidi.send<ScriptResult>('script.evaluate', {
      expression: source,
      target: { context: await this.contextOf(scope) },
      awaitPromise: false,
      resultOwnership: 'none',
    });
    if (answer.type === 'exception') throw new Error(answer.exceptionDetails.text);
  }

  async evaluate<R, A extends Json | undefined = undefined>(scope: Scope, fn: (arg: A) => R | Promise<R>, arg?: A) {
    const context = await this.contextOf(scope);
    // JSON both ways: BiDi's own serialisation of objects is lossy for nested values.
    const result = await this.call(
      context,
      `async () => JSON.stringify((await (${fn})(${JSON.stringify(arg ?? null)})) ?? null)`,
    );
    return JSON.parse(String(result.value)) as R;
  }

  async screenshot() {
    const { data } = await this.bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context: this.top });
    return Buffer.from(data, 'base64');
  }

  async cookies() {
    const { cookies } = await this.bidi.send<{ cookies: { name: string; value: { value: string } }[] }>(
      'storage.getCookies',
      { partition: { type: 'storageKey', userContext: this.userContext } },
    );
    return cookies.map(({ name, value }) => ({ name, value: value.value }));
  }

  async close() {
    await this.bidi.send('browser.removeUserContext', { userContext: this.userContext });
  }
}

import type { Browser, BrowserContextOptions, Frame, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { chromiumOptions, firefoxOptions } from '../../scripts/browsers.mjs';
import { servers } from '../env';
import { findTarget, scrollToCenter } from './in-page';
import { DESKTOP, PHONE, type Launcher, type Profile, type Scope, type Shopper } from './shopper';

/** Chromium or Firefox (Fission off: see scripts/browsers.mjs) through Playwright. */
export async function playwrightLauncher(
  engine: 'chromium' | 'firefox',
  profile: Profile,
  playwright: PlaywrightWorkerArgs['playwright'],
): Promise<Launcher> {
  const browser: Browser =
    engine === 'chromium'
      ? await playwright.chromium.launch(chromiumOptions())
      : await playwright.firefox.launch(launchOptionsOf(firefoxOptions()));
  const context: BrowserContextOptions =
    profile === 'phone'
      ? {
          viewport: { width: PHONE.width, height: PHONE.height },
          deviceScaleFactor: PHONE.scale,
          hasTouch: true,
          // Firefox has no mobile emulation in Playwright (and its taps do nothing in
          // firefox-esr): the firefox-phone project drives Firefox over BiDi instead.
          isMobile: engine === 'chromium',
        }
      : { viewport: DESKTOP };
  return {
    async newShopper() {
      const page = await browser.newPage({ ...context, baseURL: servers.merchant });
      return new PlaywrightShopper(engine, profile, page);
    },
    close: () => browser.close(),
  };
}

function launchOptionsOf({ channel, launchOptions }: ReturnType<typeof firefoxOptions>) {
  return { ...launchOptions, ...(channel && { channel }) };
}

class PlaywrightShopper implements Shopper {
  readonly touch: boolean;

  constructor(
    readonly engine: 'chromium' | 'firefox',
    readonly profile: Profile,
    private readonly page: Page,
  ) {
    this.touch = profile === 'phone';
  }

  async goto(path: string) {
    await this.page.goto(path);
  }

  async url() {
    return this.page.url();
  }

  /** Frames found so far, by iframe selector: asking again would run script in the page. */
  private readonly frames = new Map<string, Frame>();

  private async frame(scope: Scope): Promise<Frame> {
    if (!scope.frame) return this.page.mainFrame();
    const known = this.frames.get(scope.frame);
    if (known && !known.isDetached()) return known;
    const frame = await (await this.page.waitForSelector(scope.frame)).contentFrame();
    if (!frame) throw new Error(`${scope.frame} has no document`);
    this.frames.set(scope.frame, frame);
    return frame;
  }

  async click(target: Parameters<Shopper['click']>[0], scope: Scope = {}) {
    const frame = await this.frame(scope);
    const element = (await frame.waitForFunction(findTarget, target, { timeout: 10_000 })).asElement();
    if (!element) throw new Error(`no element for ${JSON.stringify(target)}`);
    await element.evaluate(scrollToCenter);
    await (this.touch ? element.tap() : element.click());
  }

  async type(text: string) {
    await this.page.keyboard.type(text);
  }

  async press(key: Parameters<Shopper['press']>[0]) {
    await this.page.keyboard.press(key);
  }

  async addScript(scope: Scope, source: string) {
    await (await this.frame(scope)).evaluate(source);
  }

  async evaluate<R, A>(scope: Scope, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const frame = await this.frame(scope);
    return (await frame.evaluate(fn as (arg: unknown) => R, arg)) as R;
  }

  async screenshot() {
    return this.page.screenshot();
  }

  async cookies() {
    return this.page.context().cookies();
  }

  async close() {
    await this.page.context().close();
  }
}

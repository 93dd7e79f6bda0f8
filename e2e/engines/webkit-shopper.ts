import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, Key as SeleniumKey, type WebDriver, type WebElement } from 'selenium-webdriver';
import { webkitOptions } from '../../scripts/browsers.mjs';
import { freePort, servers } from '../env';
import { afterPaints, findTarget, scrollToCenter } from './in-page';
import { start, startXvfb, stop } from './processes';
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

// MiniBrowser's toolbar is wider than a phone; this user stylesheet for GTK (not for the web
// content) lets its window shrink to 360 px.
const NARROW_CHROME = '* { font-size: 1px; padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; }';

/**
 * WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver, on an Xvfb display of the worker's
 * own. The phone profile scales the display by 3 (GDK_SCALE) and narrows the window to 360 px.
 */
export async function webkitLauncher(profile: Profile): Promise<Launcher> {
  const binaries = webkitOptions();
  if (!binaries) throw new Error('WebKit needs webkit2gtk-driver (WebKitWebDriver): run scripts/ensure-browsers.sh');
  const phone = profile === 'phone';
  const { display, server: xvfb } = phone ? await startXvfb(1280, 2400) : await startXvfb(1600, 1200);
  const config = mkdtempSync(join(tmpdir(), 'cs-webkit-'));
  mkdirSync(join(config, 'gtk-3.0'));
  writeFileSync(join(config, 'gtk-3.0', 'gtk.css'), phone ? NARROW_CHROME : '');
  const env = {
    ...process.env,
    DISPLAY: display,
    XDG_CONFIG_HOME: config,
    GDK_SCALE: phone ? String(PHONE.scale) : '1',
    // No dconf (there is no session bus): settings stay in the process.
    GSETTINGS_BACKEND: 'memory',
  };
  let driver = await startDriver(binaries.driver, env);
  const viewport = phone ? PHONE : DESKTOP;
  const capabilities = (proxy?: string) => ({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: binaries.miniBrowser, args: ['--automation'] },
    ...(proxy && { proxy: { proxyType: 'manual', httpProxy: proxy } }),
  });
  return {
    async newShopper({ proxy } = {}) {
      // Once in a few hundred sessions on a loaded machine, a new session never answers; a
      // fresh WebKitWebDriver does.
      for (let attempt = 1; ; attempt++) {
        const opening = (async () => {
          const session = await new Builder().usingServer(driver.url).withCapabilities(capabilities(proxy)).build();
          await fitViewport(session, viewport.width, viewport.height);
          return session;
        })();
        try {
          return new WebKitShopper(profile, await deadline(opening, SESSION_TIMEOUT, 'a new WebKit session'));
        } catch (err) {
          if (attempt === 2) throw err;
          opening
            .then(
              (late) => late.quit(),
              () => undefined,
            )
            .catch(() => undefined);
          await stop(driver.child);
          driver = await startDriver(binaries.driver, env);
        }
      }
    },
    async close() {
      await stop(driver.child);
      await stop(xvfb);
      rmSync(config, { recursive: true, force: true });
    },
  };
}

/** How long a new session may take before the driver is started afresh. */
const SESSION_TIMEOUT = 30_000;

/** Starts WebKitWebDriver on a free port and waits until it answers. */
async function startDriver(binary: string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child = start(binary, [`--port=${port}`], { env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('WebKitWebDriver', async () => ((await fetch(`${url}/status`)).ok ? true : null));
  return { child, url };
}

/** `promise`, or a rejection after `ms`. */
function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Sizes the window so that the page's viewport (not the window with its toolbar) is `width`×`height`. */
async function fitViewport(driver: WebDriver, width: number, height: number): Promise<void> {
  await driver.manage().window().setRect({ x: 0, y: 0, width, height });
  const [innerWidth, innerHeight] = (await driver.executeScript('return [innerWidth, innerHeight]')) as number[];
  const rect = { x: 0, y: 0, width: 2 * width - (innerWidth ?? width), height: 2 * height - (innerHeight ?? height) };
  await driver.manage().window().setRect(rect);
}

const KEYS: Record<Exclude<Key, 'Shift+Tab'>, string> = {
  Tab: SeleniumKey.TAB,
  Enter: SeleniumKey.ENTER,
  Escape: SeleniumKey.ESCAPE,
  End: SeleniumKey.END,
};

class WebKitShopper implements Shopper {
  readonly engine = 'webkit';
  // WebKitGTK's WebDriver delivers touch actions as mouse events, so the phone profile taps
  // with the mouse here; Chromium and Firefox prove the touch path.
  readonly touch = false;

  constructor(
    readonly profile: Profile,
    private readonly driver: WebDriver,
  ) {}

  async goto(path: string) {
    await this.driver.get(`${servers.merchant}${path}`);
  }

  async url() {
    return this.driver.getCurrentUrl();
  }

  /** Runs `action` with the driver switched into the scope's frame, scrolled into view first if `scroll`. */
  private async within<T>(scope: Scope, action: () => Promise<T>, scroll = false): Promise<T> {
    if (!scope.frame) return action();
    const selector = scope.frame;
    const iframe = await waitFor(`frame ${selector}`, () =>
      this.driver.executeScript<WebElement | null>(`return document.querySelector(arguments[0])`, selector),
    );
    // WebKit does not scroll a frame into view before clicking into it.
    if (scroll) await this.driver.executeScript(scrollToCenter, iframe);
    await this.driver.switchTo().frame(iframe);
    try {
      return await action();
    } finally {
      await this.driver.switchTo().defaultContent();
    }
  }

  async click(target: Target, scope: Scope = {}) {
    await this.within(
      scope,
      async () => {
        const element = await waitFor(JSON.stringify(target), () =>
          this.driver.executeScript<WebElement | null>(findTarget, target),
        );
        await this.driver.executeScript(scrollToCenter, element);
        await element.click();
      },
      true,
    );
  }

  async type(text: string) {
    await this.driver.actions().sendKeys(text).perform();
  }

  async press(key: Key) {
    const actions = this.driver.actions();
    if (key === 'Shift+Tab')
      await actions.keyDown(SeleniumKey.SHIFT).sendKeys(SeleniumKey.TAB).keyUp(SeleniumKey.SHIFT).perform();
    else await actions.sendKeys(KEYS[key]).perform();
  }

  async addScript(scope: Scope, source: string) {
    // The source becomes the body of WebDriver's script function; it sets its globals on window.
    await this.within(scope, () => this.driver.executeScript(source));
  }

  async evaluate<R, A extends Json | undefined = undefined>(scope: Scope, fn: (arg: A) => R | Promise<R>, arg?: A) {
    return this.within(scope, () => this.driver.executeScript<R>(fn, arg ?? null));
  }

  async screenshot() {
    // WebKit's screenshots lag the DOM by two animation frames.
    await this.driver.executeScript(afterPaints, 3);
    return Buffer.from(await this.driver.takeScreenshot(), 'base64');
  }

  async cookies() {
    const cookies = await this.driver.manage().getCookies();
    return cookies.map(({ name, value }) => ({ name, value }));
  }

  async close() {
    await this.driver.quit();
  }
}

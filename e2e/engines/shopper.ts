// The one interface every browser driver implements, so a scenario is written once and runs in
// Chromium and Firefox through Playwright, in WebKit through WebKitWebDriver (Selenium) and in
// Firefox with Fission on through WebDriver BiDi.

/** A browser and the way it is driven. */
export type EngineName = 'chromium' | 'firefox' | 'firefox-fission' | 'webkit';

/** A desktop window, or a phone: 360×740 CSS px, device scale factor 3, touch where the driver has it. */
export type Profile = 'desktop' | 'phone';

/** The phone profile's screen, in CSS pixels, and its device scale factor. */
export const PHONE = { width: 360, height: 740, scale: 3 } as const;
/** The desktop profile's viewport. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/**
 * What to act on, as the shopper finds it: a CSS selector, the text of a `<label>` (its control
 * is the target), or the start of a button's or a link's accessible text.
 */
export type Target = string | { label: string } | { button: string } | { link: string };

/** Where a target lives: the merchant page, or the document of the iframe `frame` (CSS) matches in it. */
export interface Scope {
  frame?: string;
}
/** The merchant page itself. */
export const PAGE: Scope = {};

/** The keys scenarios press; text is typed with {@link Shopper.type}. */
export type Key = 'Tab' | 'Shift+Tab' | 'Enter' | 'Escape' | 'End';

/** A JSON-serialisable argument for code run in a document. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One browser window a test drives, fresh for each test: no cookies or storage from another. */
export interface Shopper {
  readonly engine: EngineName;
  readonly profile: Profile;
  /** Whether taps reach the page as touch input (WebKitGTK's WebDriver turns them into mouse clicks). */
  readonly touch: boolean;
  /** Navigates to `path` on the merchant origin and waits for the load. */
  goto(path: string): Promise<void>;
  /** The merchant page's current URL. */
  url(): Promise<string>;
  /**
   * Clicks the target (taps it in the phone profile) once it exists, after scrolling it (and its
   * frame) into view, as a shopper would.
   */
  click(target: Target, scope?: Scope): Promise<void>;
  /** Types `text` with the keyboard into whatever has focus, in whichever frame that is. */
  type(text: string): Promise<void>;
  /** Presses one key (or Shift+Tab) where focus is. */
  press(key: Key): Promise<void>;
  /** Runs `fn(arg)` in the page or a frame and returns its (JSON) result. `fn` must close over nothing. */
  evaluate<R, A extends Json | undefined = undefined>(
    scope: Scope,
    fn: (arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R>;
  /**
   * Runs `source`, a library's whole script (axe-core's), in the page or a frame as the driver's
   * own code: the document's CSP, which allows no script of ours in the frame, does not apply.
   */
  addScript(scope: Scope, source: string): Promise<void>;
  /** A PNG of the viewport as it is painted now. */
  screenshot(): Promise<Buffer>;
  /** Every cookie the browser holds for the merchant page, HttpOnly ones included. */
  cookies(): Promise<{ name: string; value: string }[]>;
  close(): Promise<void>;
}

/** Starts shoppers of one engine and profile; one per Playwright worker. */
export interface Launcher {
  /** A fresh window; with `proxy` (host:port), all its HTTP requests, loopback included, go through it. */
  newShopper(options?: { proxy?: string }): Promise<Shopper>;
  close(): Promise<void>;
}

/** Retries `attempt` until it returns something other than `null`/`undefined`, or throws after `timeout` ms. */
export async function waitFor<T>(
  what: string,
  attempt: () => Promise<T | null | undefined>,
  timeout = 10_000,
): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== null && value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`, { cause: last });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

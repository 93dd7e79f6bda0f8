import type { LaunchOptions } from '@playwright/test';

/** Launch options for Chromium. */
export function chromiumOptions(): LaunchOptions;
/** Browser-level options for Firefox: `channel` plus launch options. */
export function firefoxOptions(extraPrefs?: Record<string, string | number | boolean>): {
  channel?: string;
  launchOptions: LaunchOptions;
};
/** WebKitWebDriver and MiniBrowser, or `null` when they are not installed. */
export function webkitOptions(): { driver: string; miniBrowser: string } | null;
/** Firefox for WebDriver BiDi, run as shoppers do: Fission on. */
export function firefoxPath(): string;

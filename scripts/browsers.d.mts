import type { LaunchOptions } from '@playwright/test';

/** Launch options for Chromium. */
export function chromiumOptions(): LaunchOptions;
/** Browser-level options for Firefox: `channel` plus launch options. */
export function firefoxOptions(extraPrefs?: Record<string, string | number | boolean>): {
  channel?: string;
  launchOptions: LaunchOptions;
};

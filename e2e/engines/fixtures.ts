import { test as base } from '@playwright/test';
import { fissionLauncher } from './bidi-shopper';
import { playwrightLauncher } from './playwright-shopper';
import type { EngineName, Launcher, Profile, Shopper } from './shopper';
import { webkitLauncher } from './webkit-shopper';

/** What a Playwright project sets to pick the browser and screen its `shopper` drives. */
export interface EngineOptions {
  engine: EngineName;
  profile: Profile;
}

/**
 * Playwright's `test` with a `shopper`: a fresh window of the project's engine and profile, driven
 * through the one {@link Shopper} interface. The browser starts once per worker; a test whose
 * outcome was unexpected gets a screenshot of the window as it was left.
 */
export const test = base.extend<{ shopper: Shopper }, EngineOptions & { launcher: Launcher }>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  profile: ['desktop', { option: true, scope: 'worker' }],
  launcher: [
    async ({ engine, profile, playwright }, use) => {
      const launcher =
        engine === 'webkit'
          ? await webkitLauncher(profile)
          : engine === 'firefox-fission'
            ? await fissionLauncher(profile)
            : await playwrightLauncher(engine, profile, playwright);
      await use(launcher);
      await launcher.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  shopper: async ({ launcher }, use, testInfo) => {
    const shopper = await launcher.newShopper();
    await use(shopper);
    if (testInfo.status !== testInfo.expectedStatus) {
      const body = await shopper.screenshot().catch(() => null);
      if (body) await testInfo.attach('window', { body, contentType: 'image/png' });
    }
    await shopper.close();
  },
});

export { expect } from '@playwright/test';

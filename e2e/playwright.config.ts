import { defineConfig } from '@playwright/test';
import { chromiumOptions, firefoxOptions } from '../scripts/browsers.mjs';
import type { EngineOptions } from './engines/fixtures';
import { freePort, servers } from './env';

// Ports are chosen once, in the runner; workers inherit them through the environment.
process.env.CS_E2E_GATEWAY_PORT ??= String(await freePort());
process.env.CS_E2E_MERCHANT_PORT ??= String(await freePort());

// Specs under engines/ drive any engine through one interface (engines/shopper.ts); the others
// use Playwright's own page, in Chromium and in Firefox with Fission off.
const CORE = ['engines/core.spec.ts', 'engines/leak.spec.ts', 'engines/a11y.spec.ts'];
const FOCUS = 'engines/focus.spec.ts';
const ISOLATION = 'engines/isolation.spec.ts';
const PHONE = 'engines/phone.spec.ts';
// WebKit and BiDi drive slower than Playwright's own protocol, and Playwright's Firefox is slow
// on a loaded machine; give their tests and polls room.
const SLOW = { timeout: 60_000, expect: { timeout: 10_000 } };

export default defineConfig<object, EngineOptions>({
  testDir: '.',
  fullyParallel: true,
  workers: 2,
  // One retry: on 2 loaded cores about one test in a hundred-odd misses a click or a frame. The
  // test command names every test that passed only on its retry, so a flake stays visible.
  retries: 1,
  timeout: 30_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '../node_modules/.cache/e2e-results.json' }]],
  use: {
    baseURL: servers.merchant,
    trace: 'retain-on-failure',
  },
  outputDir: '../node_modules/.cache/e2e-output',
  // Runs after the web servers are up: pushes examples/checkout/forms/ to the gateway.
  globalSetup: './global-setup.ts',
  webServer: [
    {
      // Webhooks go to the example shop, which verifies them with the sandbox's default secrets.
      command: `node packages/sandbox/dist/cli.js --port ${process.env.CS_E2E_GATEWAY_PORT} --secret-key ${servers.secretKey} --webhook-url ${servers.merchant}/webhooks/cards-session --quiet`,
      cwd: '..',
      url: `${servers.gateway}/assets/manifest.json`,
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx examples/checkout/src/server.ts',
      cwd: '..',
      url: `${servers.merchant}/styles.css`,
      env: {
        CHECKOUT_PORT: process.env.CS_E2E_MERCHANT_PORT,
        CARDS_SESSION_GATEWAY: servers.gateway,
        CARDS_SESSION_SECRET_KEY: servers.secretKey,
      },
      reuseExistingServer: false,
    },
  ],
  projects: [
    {
      name: 'chromium',
      testIgnore: [...CORE, PHONE],
      use: { browserName: 'chromium', launchOptions: chromiumOptions(), engine: 'chromium' },
    },
    {
      name: 'firefox',
      testIgnore: [...CORE, PHONE],
      use: { browserName: 'firefox', ...firefoxOptions(), engine: 'firefox' },
      // Its keyboard flow takes 25–32 s in the full run on 2 cores, against the 30 s default.
      ...SLOW,
    },
    { name: 'firefox-fission', testMatch: [...CORE, FOCUS, ISOLATION], use: { engine: 'firefox-fission' }, ...SLOW },
    { name: 'webkit', testMatch: [...CORE, FOCUS], use: { engine: 'webkit' }, ...SLOW },
    { name: 'chromium-phone', testMatch: PHONE, use: { engine: 'chromium', profile: 'phone' } },
    { name: 'firefox-phone', testMatch: PHONE, use: { engine: 'firefox-fission', profile: 'phone' }, ...SLOW },
    { name: 'webkit-phone', testMatch: PHONE, use: { engine: 'webkit', profile: 'phone' }, ...SLOW },
  ],
});

import { defineConfig } from '@playwright/test';
import { chromiumOptions, firefoxOptions } from '../scripts/browsers.mjs';
import { freePort, servers } from './env';

// Ports are chosen once, in the runner; workers inherit them through the environment.
process.env.CS_E2E_GATEWAY_PORT ??= String(await freePort());
process.env.CS_E2E_MERCHANT_PORT ??= String(await freePort());

export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '../node_modules/.cache/e2e-results.json' }]],
  use: {
    baseURL: servers.merchant,
    trace: 'retain-on-failure',
  },
  outputDir: '../node_modules/.cache/e2e-output',
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
    { name: 'chromium', use: { browserName: 'chromium', launchOptions: chromiumOptions() } },
    { name: 'firefox', use: { browserName: 'firefox', ...firefoxOptions() } },
  ],
});

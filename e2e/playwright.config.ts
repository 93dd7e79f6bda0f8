import { defineConfig } from '@playwright/test';
import { browserPath, freePort, servers } from './env';

// Ports are chosen once, in the runner; workers inherit them through the environment.
process.env.CS_E2E_GATEWAY_PORT ??= String(await freePort());
process.env.CS_E2E_MERCHANT_PORT ??= String(await freePort());

const chromium = browserPath('CHROMIUM_PATH', '/usr/bin/chromium');
const firefox = browserPath('FIREFOX_PATH', '/usr/bin/firefox-esr');

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
      command: `node packages/sandbox/dist/cli.js --port ${process.env.CS_E2E_GATEWAY_PORT} --secret-key ${servers.secretKey} --quiet`,
      cwd: '..',
      url: `${servers.gateway}/assets/manifest.json`,
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx examples/checkout/server.ts',
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
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'firefox',
      use: {
        browserName: 'firefox',
        ...(firefox ? { channel: 'moz-firefox' } : {}),
        launchOptions: {
          ...(firefox ? { executablePath: firefox } : {}),
          // Playwright 1.64's keyboard does not reach out-of-process (Fission) iframes in
          // firefox-esr 153, even on a plain cross-origin page; keeping web content in one
          // process lets it type. Origins stay isolated by the same-origin policy as ever.
          firefoxUserPrefs: { 'fission.webContentIsolationStrategy': 0 },
        },
      },
    },
  ],
});

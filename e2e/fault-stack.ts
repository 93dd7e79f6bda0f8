import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, test as base, type Page } from '@playwright/test';
import { freePort, servers } from './env';
import { FaultProxy } from './fault-proxy';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * A gateway of its own behind a {@link FaultProxy}, and the example shop talking to it through
 * the proxy: what a fault spec may lose, delay or kill without touching the other specs. The
 * gateway keeps its state on disk, so it can be killed and restarted.
 */
export interface FaultStack {
  proxy: FaultProxy;
  /** The shop's origin (the merchant). */
  merchant: string;
  /** Opens the shop's checkout with `card` and waits for its field; its session and order. */
  open(page: Page, card?: string): Promise<{ session: string; reference: string }>;
  /** SIGKILLs the gateway and starts it again on the same port and data. */
  restartGateway(): Promise<void>;
  /** What the gateway's store holds for a session: its payment requests and captures. */
  ledger(sessionId: string): { paymentRequests: number; captures: number };
}

async function until(url: string, deadline = Date.now() + 20_000): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function run(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGKILL'));
  return child;
}

async function startStack(): Promise<{ stack: FaultStack; stop(): Promise<void> }> {
  const data = mkdtempSync(join(tmpdir(), 'cards-session-faults-'));
  const [gatewayPort, merchantPort] = [await freePort(), await freePort()];
  const proxy = await FaultProxy.start(gatewayPort);
  const merchant = `http://127.0.0.1:${merchantPort}`;
  const gatewayArgs = [
    'packages/sandbox/dist/cli.js',
    ...['--port', String(gatewayPort), '--public-origin', proxy.origin, '--data-dir', data],
    ...['--secret-key', servers.secretKey, '--webhook-url', `${merchant}/webhooks/cards-session`, '--quiet'],
  ];
  let gateway = run('node', gatewayArgs);
  await until(`${proxy.origin}/assets/manifest.json`);
  const shop = run('node', ['--import', 'tsx', 'examples/checkout/src/server.ts'], {
    CHECKOUT_PORT: String(merchantPort),
    CARDS_SESSION_GATEWAY: proxy.origin,
    CARDS_SESSION_SECRET_KEY: servers.secretKey,
  });
  await until(`${merchant}/styles.css`);
  const db = new Database(join(data, 'sandbox.sqlite'), { readonly: true, fileMustExist: true });
  const stack: FaultStack = {
    proxy,
    merchant,
    async open(page, card = 'cpt-visa-challenge') {
      await page.goto(`${merchant}/?card=${card}`);
      await expect(page.locator('main[data-ready="true"]')).toBeVisible();
      const main = page.locator('main');
      return {
        session: (await main.getAttribute('data-payment-session-id')) ?? '',
        reference: (await main.getAttribute('data-order-reference')) ?? '',
      };
    },
    async restartGateway() {
      const exited = new Promise((resolve) => gateway.once('exit', resolve));
      gateway.kill('SIGKILL');
      await exited;
      gateway = run('node', gatewayArgs);
      await until(`${proxy.origin}/assets/manifest.json`);
    },
    ledger(sessionId) {
      const count = (sql: string) => (db.prepare(sql).get(sessionId) as { n: number }).n;
      return {
        paymentRequests: count('SELECT count(*) AS n FROM payment_requests WHERE session_id = ?'),
        captures: count(
          "SELECT count(*) AS n FROM webhook_outbox WHERE type = 'payment.capture' AND json_extract(body, '$.data.payment_session_id') = ?",
        ),
      };
    },
  };
  return {
    stack,
    async stop() {
      db.close();
      shop.kill('SIGKILL');
      gateway.kill('SIGKILL');
      await proxy.close();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Playwright's `test` with a {@link FaultStack} per worker, its faults cleared before each test. */
export const test = base.extend<{ faults: FaultStack }, { stack: FaultStack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function takes from its first parameter.
    async ({}, use) => {
      const { stack, stop } = await startStack();
      await use(stack);
      await stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  faults: async ({ stack }, use) => {
    stack.proxy.clear();
    await use(stack);
    stack.proxy.clear();
  },
});

export { expect };

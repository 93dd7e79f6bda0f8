#!/usr/bin/env node
// `npm run demo`: builds, starts the sandbox gateway and the example shop on two sites (the
// shop serves the script-tag checkout and the React SPA), and prints where to pay. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { pushExampleForms } from './push-forms.mjs';

const gatewayPort = process.env.CARDS_SESSION_PORT ?? '4400';
const checkoutPort = process.env.CHECKOUT_PORT ?? '4300';
const gateway = `http://localhost:${gatewayPort}`;
const checkout = `http://127.0.0.1:${checkoutPort}`;

if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const children = [
  spawn(
    'node',
    [
      'packages/sandbox/dist/cli.js',
      ...['--port', gatewayPort, '--data-dir', '.data/sandbox'],
      ...['--webhook-url', `${checkout}/webhooks/cards-session`],
    ],
    { stdio: 'inherit' },
  ),
  spawn('npx', ['tsx', 'examples/checkout/src/server.ts'], {
    stdio: 'inherit',
    env: { ...process.env, CHECKOUT_PORT: checkoutPort, CARDS_SESSION_GATEWAY: gateway },
  }),
];
const stop = (code) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const child of children) child.on('exit', (code) => code && stop(code));

async function up(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

try {
  await Promise.all([up(`${gateway}/assets/manifest.json`), up(`${checkout}/styles.css`)]);
  // The shop's second design: its custom form, pushed with the sandbox's published key.
  pushExampleForms(gateway, process.env.CARDS_SESSION_SECRET_KEY ?? 'sk_sandbox_cards_session_demo');
} catch (err) {
  console.error(`demo: ${err.message}`);
  stop(1);
}
console.log(`
  Cards Session demo is running.

  Checkout (script tag):  ${checkout}/
  SPA (npm + React):      ${checkout}/app/
  Gateway (sandbox):      ${gateway}

  Pick a sandbox test card and a field design (standard, or the custom form kopi) on the
  checkout page, type any 3-digit CVN (4 for Amex), pay, and enter the one-time code 1234.
  Ctrl-C stops both servers.
`);

// Child servers: the gateway (built CLI), the bench merchant and the floor field's server, each in
// its own process, all killed when the bench exits however it exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const children = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `node args…`, resolves once `readyUrl` answers 200; rejects if it exits first. */
async function spawnServer(name, args, { env = {}, readyUrl, timeout = 20_000 } = {}) {
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let log = '';
  const keep = (chunk) => (log = (log + chunk).slice(-4000));
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => children.delete(proc));
  const deadline = Date.now() + timeout;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(r, 50, null))]);
    if (early) throw new Error(`${name} exited (${early.code ?? early.signal}) before it was ready:\n${log}`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${readyUrl} within ${timeout} ms:\n${log}`);
  }
  return {
    proc,
    exited,
    log: () => log,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function startGateway({ port, dataDir, secretKey }) {
  const args = [
    'packages/sandbox/dist/cli.js',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--secret-key',
    secretKey,
    '--quiet',
  ];
  return spawnServer('gateway', args, { readyUrl: `http://localhost:${port}/assets/manifest.json` });
}

export function startMerchant({ port, gateway, floor, secretKey }) {
  const env = {
    BENCH_MERCHANT_PORT: String(port),
    BENCH_GATEWAY: gateway,
    BENCH_FLOOR: floor,
    BENCH_SECRET_KEY: secretKey,
  };
  return spawnServer('bench merchant', ['bench/merchant.mjs'], { env, readyUrl: `http://127.0.0.1:${port}/healthz` });
}

/** The floor field's server (bench/floor.mjs), on the gateway's site. */
export function startFloor({ port, gateway, merchant }) {
  const env = { BENCH_FLOOR_PORT: String(port), BENCH_GATEWAY: gateway, BENCH_MERCHANT: merchant };
  return spawnServer('bench floor', ['bench/floor.mjs'], { env, readyUrl: `http://localhost:${port}/manifest.json` });
}

/** Last resort on exit: nothing this bench started may outlive it. */
export function killAll() {
  for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
}

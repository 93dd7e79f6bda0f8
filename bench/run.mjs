// `npm run bench`: builds, starts the gateway and the bench merchant on two sites, measures the
// budgets of docs/architecture.md ("Performance budgets") and writes bench/results/<date>.{md,json}.
// A missed budget is a result, not a failure: only a harness error exits non-zero.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldRun, launch, plainRun } from './browser.mjs';
import { budgetRows } from './budgets.mjs';
import { environment, write } from './report.mjs';
import { freePort, killAll, startFloor, startGateway, startMerchant } from './servers.mjs';
import { builtFiles, loadedSizes, manifestLoaded, renewer } from './sizes.mjs';

const env = process.env;
const config = {
  runs: Number(env.BENCH_RUNS ?? 30),
  browsers: (env.BENCH_BROWSERS ?? 'chromium,firefox')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  throttledRuns: Number(env.BENCH_THROTTLED_RUNS ?? 10),
  loadSessions: Number(env.BENCH_LOAD_SESSIONS ?? 2000),
  loadRate: Number(env.BENCH_LOAD_RATE ?? 1000),
  loadSeconds: Number(env.BENCH_LOAD_SECONDS ?? 3),
  loadConcurrency: 32,
};
const SECRET_KEY = 'sk_sandbox_bench';
const log = (line) => process.stderr.write(`bench: ${line}\n`);

for (const [name, value] of Object.entries(config)) {
  const least = name === 'runs' ? 1 : 0;
  if (typeof value === 'number' && !(Number.isFinite(value) && value >= least)) {
    process.stderr.write(`bench: ${name} must be a number ≥ ${least}, received ${value}\n`);
    process.exit(2);
  }
}

let dataDir = null;
process.on('exit', () => {
  killAll();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

// Interleaved: each iteration loads the SDK page, the floor page and the plain page, the order
// rotating every time, so drift in the machine's load hits all three alike.
const KINDS = ['sdk', 'floor', 'plain'];
async function series(browser, urls, { runs, throttle = 1, settle, submit }) {
  const out = { sdk: [], floor: [], plain: [], failures: [] };
  for (let i = 0; i < runs; i++) {
    const fetchFirst = i % 2 === 1;
    const step = (kind) =>
      kind === 'plain'
        ? plainRun(browser, { ...urls, throttle })
        : fieldRun(browser, kind, { ...urls, throttle, settle, submit: submit ? { fetchFirst } : null });
    const order = [...KINDS.slice(i % 3), ...KINDS.slice(0, i % 3)];
    for (const kind of order) {
      let timer;
      try {
        // A page that never settles must not hang the bench: Playwright's evaluate has no timeout.
        const result = await Promise.race([
          step(kind),
          new Promise((_, reject) => (timer = setTimeout(reject, 60_000, new Error('run timed out after 60 s')))),
        ]);
        out[kind].push(result);
      } catch (err) {
        out.failures.push(`${kind}: ${String(err.message ?? err).slice(0, 500)}`);
        log(`run ${i + 1} (${kind}) failed: ${String(err.message ?? err).split('\n')[0]}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
  const empty = KINDS.filter((k) => !out[k].length);
  if (empty.length) throw new Error(`every ${empty.join(', ')} run failed: ${out.failures[0]}`);
  return out;
}

async function measureBrowser(name, urls) {
  const browser = await launch(name);
  try {
    const settle = name === 'chromium' ? 1000 : 300;
    log(`${name} ${browser.version()}: warm-up`);
    await series(browser, urls, { runs: 1, settle: 0, submit: true });
    log(`${name}: ${config.runs} interleaved runs`);
    const result = {
      version: browser.version(),
      series: await series(browser, urls, { runs: config.runs, settle, submit: true }),
    };
    if (name === 'chromium' && config.throttledRuns > 0) {
      log(`${name}: ${config.throttledRuns} runs with the CPU 4× slower`);
      result.throttled = await series(browser, urls, {
        runs: config.throttledRuns,
        throttle: 4,
        settle,
        submit: false,
      });
    }
    return result;
  } finally {
    await browser.close();
  }
}

function node(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()))
        : reject(new Error(`node ${args.slice(0, 3).join(' ')} exited ${code}`)),
    );
  });
}

/** The faster of each way to commit over the write-floor runs, with every run kept. */
function fastestFloor(runs) {
  const best = (mode) => runs.map((r) => r[mode]).reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return { concurrency: runs[0].concurrency, each: best('each'), group: best('group'), runs };
}

// Sizes from the network log of a real run (the first browser's first SDK and floor pages): every
// file each loaded before `ready`. Without a browser run, the asset manifest stands in, and says so.
async function measureSizes(urls, browsers) {
  const first = Object.values(browsers)[0]?.series;
  const ctx = { ...urls, secretKey: SECRET_KEY };
  const sdkLog = first?.sdk[0]?.requests.loaded ?? (await manifestLoaded(ctx));
  const floorLog = first?.floor[0]?.requests.loaded ?? [
    { by: 'page', url: `${urls.floor}/floor.js`, navigation: false },
    { by: 'frame', url: `${urls.floor}/frame?session=none`, navigation: true },
  ];
  return {
    source: first ? `network log, ${Object.keys(browsers)[0]}` : 'asset manifest (no browser run)',
    built: builtFiles(),
    sdk: await loadedSizes(sdkLog, { renewFrame: renewer(ctx) }),
    floor: await loadedSizes(floorLog),
  };
}

async function main() {
  const started = Date.now();
  // The machine is shared: the load around each phase says how far to trust its numbers.
  const loadAvg = [loadavg()[0]];
  log('building (rollup -c)');
  if (spawnSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' }).status !== 0)
    throw new Error('the build failed');
  dataDir = mkdtempSync(join(tmpdir(), 'cards-session-bench-'));
  try {
    const [gatewayPort, merchantPort, floorPort] = [await freePort(), await freePort(), await freePort()];
    const urls = {
      gateway: `http://localhost:${gatewayPort}`,
      merchant: `http://127.0.0.1:${merchantPort}`,
      floor: `http://localhost:${floorPort}`,
    };
    let gateway = await startGateway({ port: gatewayPort, dataDir, secretKey: SECRET_KEY });
    const floor = await startFloor({ port: floorPort, gateway: urls.gateway, merchant: urls.merchant });
    const merchant = await startMerchant({ port: merchantPort, ...urls, secretKey: SECRET_KEY });
    log(`gateway ${urls.gateway}, floor ${urls.floor}, merchant ${urls.merchant}, data ${dataDir}`);

    const browsers = {};
    for (const name of config.browsers) browsers[name] = await measureBrowser(name, urls);
    const sizes = await measureSizes(urls, browsers);
    await merchant.stop();
    await floor.stop();
    loadAvg.push(loadavg()[0]);

    // The write-path floor runs before and after the gateway's load and keeps the faster of the
    // two: on a shared disk, fsync times drift, and a floor is the best the path can do.
    const writeFloorRun = (when) => {
      log(`write-path floor ${when}: ${config.loadSessions} submits (node --import tsx bench/write-floor.mjs)`);
      const dir = join(dataDir, `write-floor-${when.replace(/\W+/g, '-')}`);
      const count = String(config.loadSessions);
      return node([
        '--import',
        'tsx',
        'bench/write-floor.mjs',
        '--dir',
        dir,
        '--count',
        count,
        '--concurrency',
        String(config.loadConcurrency),
      ]);
    };
    const floorBefore = await writeFloorRun('before the load');
    log(
      `gateway load: ${config.loadSessions} closed-loop + ${config.loadRate}/s × ${config.loadSeconds} s submits (node bench/load.mjs)`,
    );
    const common = ['--gateway', urls.gateway, '--key', SECRET_KEY, '--concurrency', String(config.loadConcurrency)];
    const idsFile = join(dataDir, 'acknowledged.json');
    const run = await node([
      'bench/load.mjs',
      'run',
      ...common,
      '--origin',
      urls.merchant,
      '--out',
      idsFile,
      '--sessions',
      String(config.loadSessions),
      '--rate',
      String(config.loadRate),
      '--seconds',
      String(config.loadSeconds),
    ]);
    const writeFloor = fastestFloor([floorBefore, await writeFloorRun('after the load')]);
    // Durable means it survives the process dying without warning, so verify after kill -9.
    await gateway.stop('SIGKILL');
    gateway = await startGateway({ port: gatewayPort, dataDir, secretKey: SECRET_KEY });
    const verify = await node(['bench/load.mjs', 'verify', ...common, '--in', idsFile]);
    await gateway.stop();

    loadAvg.push(loadavg()[0]);
    const results = {
      date: new Date().toISOString().slice(0, 10),
      ...environment(),
      loadavg: loadAvg,
      config,
      durationS: (Date.now() - started) / 1000,
      sizes,
      browsers,
      load: { run, verify, writeFloor },
    };
    const rows = budgetRows(results);
    process.stdout.write(`${write(results, rows)}\n`);
    log(`wrote bench/results/${results.date}.md and .json`);
  } finally {
    killAll();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    log(`harness error: ${err.stack ?? err}`);
    process.exit(1);
  },
);

// The machine and commit a result belongs to, and the Markdown and JSON files under bench/results/.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export function environment() {
  const git = (cmd) => execSync(`git ${cmd}`, { encoding: 'utf8' }).trim();
  let commit = 'unknown';
  try {
    commit = git('rev-parse --short HEAD') + (git('status --porcelain') ? '-dirty' : '');
  } catch {
    // not a git checkout: say so in the report rather than fail the bench
  }
  const cpus = os.cpus();
  return {
    commit,
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
    },
  };
}

const esc = (s) => String(s).replace(/\|/g, '\\|');
const table = (rows) => [
  '| section | figure | measured | budget | result |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${esc(r.section)} | ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.budget)} | ${r.result} |`),
];

function markdown(results, rows) {
  const m = results.machine;
  const lines = [
    `# Cards Session bench, ${results.date}`,
    '',
    `Commit \`${results.commit}\` · ${m.cpu} × ${m.cores} · ${m.memoryGB} GB · ${m.os} · Node ${m.node} · ` +
      Object.entries(results.browsers)
        .map(([n, b]) => `${n} ${b.version}`)
        .join(' · '),
    '',
    `Load average (1 min) at start / before the load test / end: ${results.loadavg.map((l) => l.toFixed(2)).join(' / ')}.`,
    '',
    `${results.config.runs} interleaved runs per browser (fresh context each; the SDK page, the floor page and the plain page in rotating order), ${results.config.throttledRuns} with Chromium's CPU 4× slower; gateway load ${results.config.loadSessions} closed-loop + ${results.config.loadRate}/s × ${results.config.loadSeconds} s open-loop submits, beside its write-path floor (bench/write-floor.mjs) in the same run. The floor is a hand-written cross-site field for the bench alone (bench/floor.mjs). Sizes: the files' own bytes with gzip -9 and brotli 11 of them, and separately the bytes on the wire with their Content-Encoding; 1 KB = 1,000 B (as size-limit). The CPU-throttled rows are for information: the budgets are for an unthrottled CPU. Took ${results.durationS.toFixed(0)} s.`,
    '',
    '## Summary: every figure with a target',
    '',
    ...table(rows.filter((r) => r.budget)),
    '',
    '## All figures',
    '',
    ...table(rows),
    '',
  ];
  return lines.join('\n');
}

export function write(results, rows) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const md = markdown(results, rows);
  writeFileSync(new URL(`${results.date}.md`, dir), md);
  writeFileSync(new URL(`${results.date}.json`, dir), `${JSON.stringify({ ...results, budgets: rows }, null, 2)}\n`);
  return md;
}

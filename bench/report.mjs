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

function markdown(results, rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
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
    `${results.config.runs} interleaved runs per browser (fresh context each), ${results.config.throttledRuns} with Chromium's CPU 4× slower; gateway load ${results.config.loadSessions} closed-loop + ${results.config.loadRate}/s × ${results.config.loadSeconds} s open-loop submits; 1 KB = 1,000 B (as size-limit). The CPU-throttled rows are for information: the budgets are for an unthrottled CPU. Took ${results.durationS.toFixed(0)} s.`,
    '',
    '| section | figure | measured | budget | result |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${esc(r.section)} | ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.budget)} | ${r.result} |`),
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

#!/usr/bin/env node
// Provides the Node 24 LTS binary that the "unit (Node 24)" step of scripts/test.mjs runs the
// unit and integration suites on, only where it is missing: the npm registry's `node` package
// ships it. It lives in node_modules/.cache/node24; a second run finds it and does nothing. No
// native build is needed: on Node 24 the sandbox stores in Node's own `node:sqlite`
// (packages/sandbox/src/sqlite.ts). Prints the binary's path last; exits 1 naming the failing step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MAJOR = 24;
const DIR = resolve('node_modules/.cache/node24');
const NODE = join(DIR, 'node_modules/node/bin/node');

/** Runs a command; on failure prints its output and exits 1 naming the step. */
function step(what, command, args) {
  const started = Date.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `${run.error.message}\n` : ''}`);
    process.stderr.write(`ensure-node24: ${what} failed (exit ${run.status ?? run.signal})\n`);
    process.exit(1);
  }
  process.stdout.write(`ensure-node24: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return run.stdout.trim();
}

if (!existsSync(NODE)) {
  mkdirSync(DIR, { recursive: true });
  // Its own package.json, so the install neither finds nor changes the project's; the `node`
  // package's install script fetches the platform package that holds the binary.
  writeFileSync(join(DIR, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { node: true } })}\n`);
  step(`npm install node@${MAJOR}`, 'npm', [
    'install',
    '--prefix',
    DIR,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    `node@${MAJOR}`,
  ]);
}
const version = step('node --version', NODE, ['--version']);
if (!version.startsWith(`v${MAJOR}.`)) {
  process.stderr.write(`ensure-node24: expected Node ${MAJOR}.x at ${NODE}, received ${version}\n`);
  process.exit(1);
}
step('node:sqlite loads', NODE, ['-e', "new (require('node:sqlite').DatabaseSync)(':memory:').exec('select 1')"]);
process.stdout.write(`${NODE}\n`);

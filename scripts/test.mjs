#!/usr/bin/env node
// The README's test command: lint → typecheck → unit (Node 20, then 24) → build → package checks and size → e2e,
// in CI's order. Every step runs (a failing lint does not hide a failing test); e2e needs the
// build. Ends with one plain line totalling every suite: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { e2eByProject } from './e2e-report.mjs';

const UNIT_JSON = 'node_modules/.cache/unit-results.json';
const UNIT24_JSON = 'node_modules/.cache/unit-results-node24.json';
const E2E_JSON = 'node_modules/.cache/e2e-results.json';
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const summary = [];

function run(command, args, env = process.env) {
  process.stdout.write(`\n▶ ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
}

function record(name, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  summary.push(`${failed ? '✗' : '✓'} ${name}: ${passed} passed, ${failed} failed`);
}

/** A step that is one check: it passes or it fails. */
function check(name, command, args) {
  const ok = run(command, args);
  record(name, ok ? 1 : 0, ok ? 0 : 1);
  return ok;
}

/**
 * A test suite whose counts come from its JSON report, as one row or one row per part (`count`
 * returns `{passed, failed}` or `{[part]: {passed, failed}}`); a missing report is a failure.
 */
function suite(name, command, args, reportPath, count, env = process.env) {
  rmSync(reportPath, { force: true });
  const ok = run(command, args, env);
  if (!existsSync(reportPath)) return record(`${name} (no report)`, 0, 1);
  const counted = count(JSON.parse(readFileSync(reportPath, 'utf8')));
  const rows = 'passed' in counted ? { [name]: counted } : counted;
  for (const [part, { passed, failed }] of Object.entries(rows)) record(part, passed, failed);
  // A runner that failed without a failing test (a crash, a type error) still fails the suite.
  if (!ok && Object.values(rows).every((row) => row.failed === 0)) record(`${name} (runner failed)`, 0, 1);
}

/** Tests that failed once and passed on their retry, named in the summary: a flake stays visible. */
const flaky = [];
function e2eCounts(report) {
  const counted = e2eByProject(report);
  flaky.push(...counted.flaky);
  return counted.rows;
}

/** Fails when packages/node's built .d.ts imports anything but its dependencies and Node's modules. */
const NODE_TYPES_STAND_ALONE = `
const dts = require('node:fs').readFileSync('packages/node/dist/index.d.ts', 'utf8');
const deps = Object.keys(require('./packages/node/package.json').dependencies);
const imports = [...dts.matchAll(/(?:from|import)\\s*\\(?\\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
const stray = imports.filter((name) => !deps.includes(name) && !name.startsWith('node:'));
if (stray.length) { console.error('packages/node/dist/index.d.ts imports ' + stray.join(', ')); process.exit(1); }
`;

const want = (step) => only.length === 0 || only.includes(step);

if (want('lint')) {
  check('eslint', 'npx', ['eslint', '.']);
  check('prettier', 'npx', ['prettier', '--check', '.']);
  check('import cycles', 'node', ['scripts/check-cycles.mjs']);
  // Unused files, exports and dependencies, and dependencies used but not declared (knip.jsonc).
  check('knip', 'npx', ['knip']);
  // The OpenAPI document a started sandbox serves, under redocly's recommended rules: 0 errors.
  check('redocly lint /openapi.json', 'npx', ['tsx', 'scripts/lint-openapi.ts']);
}
if (want('typecheck')) check('typecheck', 'npx', ['tsc', '-b']);
// A test that did not pass counts as failed: one that failed, and one that never ran because its
// worker died (a native crash leaves its file's tests pending) or was skipped.
const vitestCounts = (r) => ({ passed: r.numPassedTests, failed: r.numTotalTests - r.numPassedTests });
if (want('unit')) suite('unit', 'npx', ['vitest', 'run'], UNIT_JSON, vitestCounts);
if (want('unit24')) {
  // The same suites on Node 24 LTS, installed where missing; every process they start (the
  // sandbox's CLI tests) finds Node 24 first on the PATH.
  const ensure = spawnSync('node', ['scripts/ensure-node24.mjs'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(ensure.stdout ?? '');
  if (ensure.status !== 0) record('unit (Node 24) (not run: Node 24 could not be provided)', 0, 1);
  else {
    const node24 = ensure.stdout.trim().split('\n').at(-1);
    const env = { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH}`, VITEST_JSON_REPORT: UNIT24_JSON };
    suite('unit (Node 24)', node24, ['node_modules/vitest/vitest.mjs', 'run'], UNIT24_JSON, vitestCounts, env);
  }
}
let built = true;
if (want('build') || want('e2e')) {
  // The SPA bundles the packages' dist, so it builds after them.
  built =
    check('build', 'npx', ['rollup', '-c', '--silent']) &&
    check('build spa', 'npm', ['run', 'build', '-w', 'examples/spa', '--silent']);
}
if (want('package')) {
  check('publint cards-session', 'npx', ['publint', 'packages/sdk', '--strict']);
  check('publint @cards-session/react', 'npx', ['publint', 'packages/react', '--strict']);
  check('publint sandbox', 'npx', ['publint', 'packages/sandbox', '--strict']);
  check('publint @cards-session/node', 'npx', ['publint', 'packages/node', '--strict']);
  // Its .d.ts bundles the contract's types: installing it must not need the sandbox.
  check('@cards-session/node types stand alone', 'node', ['-e', NODE_TYPES_STAND_ALONE]);
  // What npm would publish: README, LICENSE, the files the manifest names, the metadata.
  check('npm pack contents', 'node', ['scripts/check-pack.mjs']);
  // The types as each resolution mode sees them, from the packed tarball. The sandbox is ESM only.
  check('attw cards-session', 'npx', ['attw', '--pack', 'packages/sdk']);
  check('attw @cards-session/react', 'npx', ['attw', '--pack', 'packages/react']);
  check('attw sandbox', 'npx', ['attw', '--pack', 'packages/sandbox', '--profile', 'esm-only']);
  check('attw @cards-session/node', 'npx', ['attw', '--pack', 'packages/node', '--profile', 'esm-only']);
  // The README's sandbox command, as a newcomer runs it after the install and the build.
  check('sandbox command', 'npx', ['cards-session-sandbox', '--help']);
  check('size budget', 'npx', ['size-limit']);
}
if (want('e2e')) {
  if (!built) record('e2e (not run: the build failed)', 0, 1);
  else {
    // Chromium, Firefox (Fission off, then on), WebKit, and the phone profile in all three.
    suite('e2e', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], E2E_JSON, e2eCounts);
  }
}

for (const name of flaky) summary.push(`! passed only on its retry: ${name}`);
process.stdout.write(`\n${summary.join('\n')}\n\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed ? 1 : 0);

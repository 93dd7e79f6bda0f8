#!/usr/bin/env node
// What `npm publish` would ship, checked from `npm pack --dry-run` of each published package
// (after the build): README.md, LICENSE (the repository's, byte for byte) and package.json; every
// file the manifest points at (exports, main, module, types, bin); nothing outside its `files`
// folders but those three; no test, source map or TypeScript source; and the metadata npm shows
// (license, repository with its directory, homepage, bugs). Prints each problem; exits 1 on any.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Every workspace that is not private: a new package is checked without being listed here.
const PUBLISHED = JSON.parse(readFileSync('package.json', 'utf8')).workspaces.filter(
  (dir) => !JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).private,
);
const REPOSITORY = 'git+https://github.com/cards-session/cards-session.git';
const ALWAYS = ['LICENSE', 'README.md', 'package.json'];
const license = readFileSync('LICENSE');

/** Every path a manifest points at: `exports` (all conditions), `main`, `module`, `types`, `bin`. */
function targets(manifest) {
  const found = [];
  const walk = (value) => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([manifest.exports, manifest.main, manifest.module, manifest.types, manifest.bin]);
  return found.map((path) => path.replace(/^\.\//, ''));
}

/** The problems with one package, as "expected X, received Y" lines. */
function check(dir) {
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir }));
  const files = new Set(pack.files.map((f) => f.path));
  const problems = [];
  for (const name of [...ALWAYS, ...targets(manifest)]) {
    if (!files.has(name)) problems.push(`expected ${name} in the tarball, received no such file`);
  }
  const folders = manifest.files ?? [];
  for (const name of files) {
    if (!ALWAYS.includes(name) && !folders.some((folder) => name.startsWith(`${folder}/`))) {
      problems.push(`expected only ${[...ALWAYS, ...folders].join(', ')} in the tarball, received ${name}`);
    }
    if (/\.test\.|\.test-d\.|\.map$|(?<!\.d)\.ts$|(?<!\.d)\.[cm]ts$/.test(name)) {
      problems.push(`expected no tests, source maps or TypeScript sources, received ${name}`);
    }
  }
  if (!license.equals(readFileSync(`${dir}/LICENSE`))) {
    problems.push(`expected ${dir}/LICENSE to be the repository's LICENSE, received another text`);
  }
  const expect = (field, want, got) => {
    if (got !== want) problems.push(`expected ${field} ${JSON.stringify(want)}, received ${JSON.stringify(got)}`);
  };
  expect('license', 'Apache-2.0', manifest.license);
  expect('repository.url', REPOSITORY, manifest.repository?.url);
  expect('repository.directory', dir, manifest.repository?.directory);
  expect('homepage', `https://github.com/cards-session/cards-session/tree/main/${dir}#readme`, manifest.homepage);
  expect('bugs.url', 'https://github.com/cards-session/cards-session/issues', manifest.bugs?.url);
  return { name: pack.name, files: files.size, problems };
}

let failed = false;
for (const dir of PUBLISHED) {
  const { name, files, problems } = check(dir);
  process.stdout.write(`${problems.length ? '✗' : '✓'} ${name}: ${files} files\n`);
  for (const problem of problems) process.stdout.write(`  ${problem}\n`);
  failed ||= problems.length > 0;
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// Lint: no import cycle anywhere in the project's own code (packages/, examples/, e2e/, bench/).
// Every relative import counts, `import type` included: a cycle of types is still a tangle of
// layers. Imports are read with the TypeScript compiler's pre-processor and resolved as the
// project's tsconfig does (Bundler resolution: `./x` finds `x.ts`, `x.tsx`, `x/index.ts`, `x.mjs`…).
// Prints every cycle found and exits 1; `node scripts/check-cycles.mjs DIR…` checks other roots.
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOTS = process.argv.length > 2 ? process.argv.slice(2) : ['packages', 'examples', 'e2e', 'bench'];
const SKIP = new Set(['node_modules', 'dist', 'results', 'test-results', 'playwright-report', '.cache']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

/** Every source file under `dir`, skipping build output and dependencies. */
function sources(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sources(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) found.push(resolve(path));
  }
  return found;
}

const files = ROOTS.flatMap((root) => sources(root));
const known = new Set(files);
const options = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true };

/** The project files `file` imports (relative specifiers only: packages are not cycles of files). */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const targets = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
    if (resolved && known.has(resolve(resolved))) targets.push(resolve(resolved));
  }
  return targets;
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

// Tarjan's strongly connected components: each component of more than one file, or a file that
// imports itself, is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(file) {
  const node = { index, low: index, onStack: true };
  index++;
  state.set(file, node);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    const seen = state.get(next);
    if (!seen) {
      visit(next);
      node.low = Math.min(node.low, state.get(next).low);
    } else if (seen.onStack) node.low = Math.min(node.low, seen.index);
  }
  if (node.low !== node.index) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    state.get(member).onStack = false;
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component);
}
for (const file of files) if (!state.has(file)) visit(file);

/** The shortest loop through the component's first file, `a → b → c → a`, and its other members. */
function describe(component) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const from = new Map([[start, null]]);
  const queue = [start];
  let last = null;
  while (queue.length && last === null) {
    const here = queue.shift();
    for (const next of (graph.get(here) ?? []).filter((f) => members.has(f))) {
      if (next === start) {
        last = here;
        break;
      }
      if (!from.has(next)) {
        from.set(next, here);
        queue.push(next);
      }
    }
  }
  const loop = [start];
  for (let at = last; at !== null && at !== start; at = from.get(at)) loop.splice(1, 0, at);
  const name = (f) => relative(process.cwd(), f);
  const others = component.filter((f) => !loop.includes(f)).map(name);
  return `${[...loop, start].map(name).join(' → ')}${others.length ? ` (also in the tangle: ${others.join(', ')})` : ''}`;
}

if (cycles.length) {
  process.stderr.write(
    `Import cycles (${cycles.length}); a module must not import, even for types, what imports it:\n`,
  );
  for (const component of cycles) process.stderr.write(`  ${describe(component)}\n`);
  process.exit(1);
}
process.stdout.write(`No import cycle among ${files.length} files.\n`);

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { builtinModules } from 'node:module';
import resolve from '@rollup/plugin-node-resolve';
import dts from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { lazyPostRobot } from './scripts/rollup-lazy-post-robot.mjs';
import { postRobotFromSource } from './scripts/rollup-post-robot.mjs';

// Files this run wrote; once every build is done, anything else in a dist folder is a stale
// chunk from an earlier run and goes. Deleting only then keeps dist usable during a build.
const DIST = [
  'packages/sdk/dist',
  'packages/react/dist',
  'packages/frame/dist',
  'packages/sandbox/dist',
  'packages/node/dist',
];
const written = new Set();
const track = {
  name: 'track-output',
  writeBundle(options, bundle) {
    for (const name of Object.keys(bundle)) written.add(resolvePath(options.dir ?? dirname(options.file), name));
  },
};
function removeStale() {
  return {
    name: 'remove-stale',
    writeBundle() {
      for (const dir of DIST) {
        for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
          const file = resolvePath(entry.parentPath, entry.name);
          if (entry.isFile() && !written.has(file)) rmSync(file);
        }
      }
    },
  };
}

const { version } = JSON.parse(readFileSync('packages/sdk/package.json', 'utf8'));
const define = { __VERSION__: JSON.stringify(version), __DEV__: 'false' };
const TOOLTIP = 'packages/sdk/dist/cards-session-tooltip.min.js';
const THREE_DS = 'packages/sdk/dist/cards-session-3ds.min.js';
const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

/** Bakes the SRI hashes of the files the loader fetches on first use (built just before) into it. */
function lazyIntegrity() {
  return {
    name: 'lazy-integrity',
    renderChunk: (code) =>
      code
        .replaceAll('__TOOLTIP_INTEGRITY__', JSON.stringify(sri(TOOLTIP)))
        .replaceAll('__THREE_DS_INTEGRITY__', JSON.stringify(sri(THREE_DS))),
  };
}
// Terser after esbuild: on these bundles it is about 1.2 KB gzip smaller than esbuild's minifier.
const minifier = terser({
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true },
  mangle: { toplevel: true },
});
const browser = (minify) => [
  postRobotFromSource(),
  resolve({ browser: true, extensions: ['.ts', '.js'] }),
  esbuild({ target: 'es2022', define }),
  ...(minify ? [minifier] : []),
];
const node = [
  resolve({ extensions: ['.ts', '.js'], exportConditions: ['node'] }),
  esbuild({ target: 'node20', define }),
];
const REACT_EXTERNAL = ['react', 'react/jsx-runtime', 'cards-session'];
// The sandbox's runtime dependencies stay imports, read from its package.json so none is bundled
// by mistake (a CommonJS one cannot be: rollup sees no named exports in it).
const sandboxDependencies = Object.keys(JSON.parse(readFileSync('packages/sandbox/package.json', 'utf8')).dependencies);
const builtins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeExternal = [...builtins, ...sandboxDependencies];
// @cards-session/node: its two dependencies stay imports; the contract's types (from the sandbox,
// type-only) are bundled into its .d.ts, so installing it never needs the sandbox.
const serverExternal = [
  ...builtins,
  ...Object.keys(JSON.parse(readFileSync('packages/node/package.json', 'utf8')).dependencies),
];

/** Copies the loader and the frame into the sandbox's assets, with a manifest of SRI hashes. */
function sandboxAssets() {
  const sources = {
    'cards-session.min.js': ['packages/sdk/dist/cards-session.min.js', 'text/javascript; charset=utf-8'],
    'cards-session-tooltip.min.js': [TOOLTIP, 'text/javascript; charset=utf-8'],
    'cards-session-3ds.min.js': [THREE_DS, 'text/javascript; charset=utf-8'],
    'frame.js': ['packages/frame/dist/frame.js', 'text/javascript; charset=utf-8'],
    'frame.html': ['packages/frame/src/frame.html', 'text/html; charset=utf-8'],
  };
  return {
    name: 'sandbox-assets',
    writeBundle() {
      const dir = 'packages/sandbox/dist/assets';
      mkdirSync(dir, { recursive: true });
      const assets = {};
      for (const [name, [from, contentType]] of Object.entries(sources)) {
        copyFileSync(from, `${dir}/${name}`);
        written.add(resolvePath(dir, name));
        assets[name] = { file: name, integrity: sri(from), contentType };
      }
      writeFileSync(`${dir}/manifest.json`, `${JSON.stringify({ version, assets }, null, 2)}\n`);
      written.add(resolvePath(dir, 'manifest.json'));
    },
  };
}

const builds = [
  // cards-session on npm: ESM + CJS; post-robot, the tooltips and 3-D Secure are chunks loaded on
  // first use.
  {
    input: 'packages/sdk/src/index.ts',
    // A dependency of the package: the app's bundler resolves (and dedupes) it.
    external: ['@floating-ui/dom'],
    plugins: browser(false),
    output: [
      { dir: 'packages/sdk/dist', format: 'es', entryFileNames: 'index.mjs', chunkFileNames: '[name]-[hash].mjs' },
      { dir: 'packages/sdk/dist', format: 'cjs', entryFileNames: 'index.cjs', chunkFileNames: '[name]-[hash].cjs' },
    ],
  },
  {
    input: 'packages/sdk/src/index.ts',
    plugins: [dts({ respectExternal: true, tsconfig: 'packages/sdk/tsconfig.json' })],
    output: [{ file: 'packages/sdk/dist/index.d.ts' }, { file: 'packages/sdk/dist/index.d.cts' }],
  },
  // @cards-session/react on npm: ESM + CJS over the cards-session package, React from the app.
  {
    input: 'packages/react/src/index.ts',
    external: REACT_EXTERNAL,
    plugins: [resolve({ extensions: ['.ts', '.tsx'] }), esbuild({ target: 'es2020', jsx: 'automatic' })],
    output: [
      { file: 'packages/react/dist/index.mjs', format: 'es' },
      { file: 'packages/react/dist/index.cjs', format: 'cjs' },
    ],
  },
  {
    input: 'packages/react/src/index.ts',
    external: REACT_EXTERNAL,
    plugins: [dts({ tsconfig: 'packages/react/tsconfig.json' })],
    output: [{ file: 'packages/react/dist/index.d.ts' }, { file: 'packages/react/dist/index.d.cts' }],
  },
  // The tooltip and 3-D Secure code for the script tag, fetched by the loader on first use.
  { input: 'packages/sdk/src/tooltip-global.ts', plugins: browser(true), output: { file: TOOLTIP, format: 'iife' } },
  { input: 'packages/sdk/src/three-ds-global.ts', plugins: browser(true), output: { file: THREE_DS, format: 'iife' } },
  // cards-session.min.js: the script tag, global CardsSession; post-robot evaluated at mount.
  {
    input: 'packages/sdk/src/global.ts',
    plugins: [lazyPostRobot(), ...browser(true), lazyIntegrity()],
    output: { file: 'packages/sdk/dist/cards-session.min.js', format: 'iife', inlineDynamicImports: true },
  },
  // The frame's script, served by the gateway next to the frame document.
  {
    input: 'packages/frame/src/main.ts',
    plugins: browser(true),
    output: { file: 'packages/frame/dist/frame.js', format: 'iife' },
  },
  // The sandbox gateway and its CLI, with the two browser builds as its assets.
  {
    input: { index: 'packages/sandbox/src/index.ts', cli: 'packages/sandbox/src/cli.ts' },
    external: nodeExternal,
    plugins: [...node, sandboxAssets()],
    output: { dir: 'packages/sandbox/dist', format: 'es' },
  },
  {
    input: 'packages/sandbox/src/index.ts',
    external: nodeExternal,
    plugins: [dts({ respectExternal: true, tsconfig: 'packages/sandbox/tsconfig.json' })],
    output: { file: 'packages/sandbox/dist/index.d.ts' },
  },
  // @cards-session/node on npm: the merchant's server side, ESM for Node.
  {
    input: 'packages/node/src/index.ts',
    external: serverExternal,
    plugins: node,
    output: { file: 'packages/node/dist/index.js', format: 'es' },
  },
  {
    input: 'packages/node/src/index.ts',
    external: serverExternal,
    plugins: [dts({ respectExternal: true, tsconfig: 'packages/node/tsconfig.json' })],
    output: { file: 'packages/node/dist/index.d.ts' },
  },
];

for (const build of builds) build.plugins = [...build.plugins, track];
builds.at(-1).plugins.push(removeStale());

export default builds;

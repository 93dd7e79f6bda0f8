import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const define = {
  __VERSION__: JSON.stringify('0.0.0-test'),
  __DEV__: 'true',
  __TOOLTIP_INTEGRITY__: JSON.stringify(''),
  __THREE_DS_INTEGRITY__: JSON.stringify(''),
};

const nodeAliases = {
  '@cards-session/node': fileURLToPath(new URL('packages/node/src/index.ts', import.meta.url)),
  '@cards-session/sandbox': fileURLToPath(new URL('packages/sandbox/src/index.ts', import.meta.url)),
};

export default defineConfig({
  define,
  test: {
    // scripts/test.mjs names another report file for the run on Node 24.
    reporters: [
      'default',
      ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? 'node_modules/.cache/unit-results.json' }],
    ],
    projects: [
      {
        define,
        test: {
          name: 'protocol',
          environment: 'node',
          include: ['packages/protocol/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'], tsconfig: 'tsconfig.test-d.json' },
        },
      },
      { define, test: { name: 'sdk', environment: 'happy-dom', include: ['packages/sdk/src/**/*.test.ts'] } },
      { define, test: { name: 'frame', environment: 'happy-dom', include: ['packages/frame/src/**/*.test.ts'] } },
      { define, test: { name: 'sandbox', environment: 'node', include: ['packages/sandbox/src/**/*.test.ts'] } },
      {
        define,
        // The server package and the example shop read the sandbox's types and each other's source.
        resolve: { alias: nodeAliases },
        test: { name: 'node', environment: 'node', include: ['packages/node/src/**/*.test.ts'] },
      },
      {
        define,
        resolve: { alias: nodeAliases },
        test: { name: 'examples', environment: 'node', include: ['examples/*/src/**/*.test.ts'] },
      },
      { define, test: { name: 'docs', environment: 'node', include: ['scripts/*.test.mjs'] } },
      { define, test: { name: 'bench', environment: 'node', include: ['bench/*.test.mjs'] } },
      {
        define,
        // Workspace imports resolve to source, as for the other packages: the tests need no build.
        resolve: { alias: { 'cards-session': fileURLToPath(new URL('packages/sdk/src/index.ts', import.meta.url)) } },
        test: {
          name: 'react',
          environment: 'happy-dom',
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
          setupFiles: ['packages/react/src/test-setup.ts'],
        },
      },
    ],
  },
});

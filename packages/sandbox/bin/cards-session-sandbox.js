#!/usr/bin/env node
// The command npm links at install time, which in this repository comes before the build: the
// CLI itself is built into dist/. Before a build it says so instead of failing obscurely.
import process from 'node:process';

import('../dist/cli.js').catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write('cards-session-sandbox: not built yet: run `npm run build` first\n');
    process.exit(1);
  }
  throw err;
});

// CI check: `redocly lint` (recommended rules) on the OpenAPI document a started sandbox serves
// at /openapi.json, byte for byte. Run with `npx tsx scripts/lint-openapi.ts`; exits with redocly's
// status. The sandbox runs from source with stand-in assets, so no build is needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../packages/sandbox/src/test-helpers';

const sandbox = await start();
const dir = mkdtempSync(join(tmpdir(), 'cs-openapi-'));
try {
  const res = await fetch(`${sandbox.origin}/openapi.json`);
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  const file = join(dir, 'openapi.json');
  writeFileSync(file, await res.text());
  const redocly = spawnSync('npx', ['redocly', 'lint', '--extends=recommended', '--format=codeframe', file], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = redocly.status ?? 1;
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}

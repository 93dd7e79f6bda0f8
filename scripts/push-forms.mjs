// Pushes the example shop's custom forms (examples/checkout/forms/<name>/) to a gateway with the
// sandbox CLI, exactly as a merchant would: `npm run demo` and the e2e setup call it once the
// gateway is up. Needs the build (packages/sandbox/dist/cli.js).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FORMS = 'examples/checkout/forms';

/** Pushes every form folder to `gateway` with `key`; throws, naming the form, if one is refused. */
export function pushExampleForms(gateway, key, { quiet = false } = {}) {
  const names = readdirSync(`${ROOT}${FORMS}`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  for (const name of names) {
    const args = ['forms', 'push', `${FORMS}/${name}`, '--name', name, '--gateway', gateway, '--key', key];
    const run = spawnSync(process.execPath, ['packages/sandbox/dist/cli.js', ...args], {
      cwd: ROOT,
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    if (run.status !== 0) throw new Error(`${FORMS}/${name} was not pushed (exit ${run.status})`);
  }
  return names;
}

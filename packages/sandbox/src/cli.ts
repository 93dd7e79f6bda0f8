#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_SECRET_KEY, startSandbox } from './server';

const USAGE = `Usage: cards-session-sandbox [options]

  --port <n>            port to listen on (env CARDS_SESSION_PORT, default 4400)
  --host <host>         interface to listen on (env CARDS_SESSION_HOST, default 127.0.0.1)
  --public-origin <o>   origin browsers use (env CARDS_SESSION_PUBLIC_ORIGIN, default http://localhost:<port>)
  --data-dir <dir>      SQLite folder (env CARDS_SESSION_DATA_DIR); omit to keep state in memory
  --secret-key <key>    accepted secret key, repeatable (env CARDS_SESSION_SECRET_KEYS, comma-separated;
                        default ${DEFAULT_SECRET_KEY})
  --quiet               no request log
  -h, --help            this text`;

function fail(message: string): never {
  process.stderr.write(`cards-session-sandbox: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'public-origin': { type: 'string' },
      'data-dir': { type: 'string' },
      'secret-key': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const env = process.env;
const portText = values.port ?? env.CARDS_SESSION_PORT ?? '4400';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: expected 0 to 65535, received ${portText}`);
const keys = values['secret-key'] ?? env.CARDS_SESSION_SECRET_KEYS?.split(',').filter(Boolean);

try {
  const sandbox = await startSandbox({
    port,
    host: values.host ?? env.CARDS_SESSION_HOST,
    publicOrigin: values['public-origin'] ?? env.CARDS_SESSION_PUBLIC_ORIGIN,
    dataDir: values['data-dir'] ?? env.CARDS_SESSION_DATA_DIR ?? null,
    secretKeys: keys?.length ? keys : undefined,
    log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Cards Session sandbox gateway listening on ${sandbox.origin}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  fail((err as Error).message);
}

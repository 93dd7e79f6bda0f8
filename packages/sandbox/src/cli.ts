#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_CALLBACK_TOKEN, DEFAULT_SECRET_KEY, DEFAULT_WEBHOOK_SECRET, startSandbox } from './server';

const USAGE = `Usage: cards-session-sandbox [options]

  --port <n>            port to listen on (env CARDS_SESSION_PORT, default 4400)
  --host <host>         interface to listen on (env CARDS_SESSION_HOST, default 127.0.0.1)
  --public-origin <o>   origin browsers use (env CARDS_SESSION_PUBLIC_ORIGIN, default http://localhost:<port>)
  --data-dir <dir>      SQLite folder (env CARDS_SESSION_DATA_DIR); omit to keep state in memory
  --secret-key <key>    accepted secret key, repeatable (env CARDS_SESSION_SECRET_KEYS, comma-separated;
                        default ${DEFAULT_SECRET_KEY})
  --webhook-url <url>   where webhooks are posted (env CARDS_SESSION_WEBHOOK_URL); without it they wait
                        in the outbox
  --webhook-secret <s>  Standard Webhooks signing secret, whsec_… (env CARDS_SESSION_WEBHOOK_SECRET;
                        default ${DEFAULT_WEBHOOK_SECRET})
  --callback-token <t>  x-callback-token header value (env CARDS_SESSION_CALLBACK_TOKEN;
                        default ${DEFAULT_CALLBACK_TOKEN})
  --assets-dir <dir>    built SDK and frame (env CARDS_SESSION_ASSETS_DIR; default: the package's own)
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
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'callback-token': { type: 'string' },
      'assets-dir': { type: 'string' },
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
const webhookUrl = values['webhook-url'] ?? env.CARDS_SESSION_WEBHOOK_URL ?? null;
if (webhookUrl !== null && !/^https?:\/\/[^/]/.test(webhookUrl))
  fail(`--webhook-url: expected an http(s) URL, received ${webhookUrl}`);
const webhookSecret = values['webhook-secret'] ?? env.CARDS_SESSION_WEBHOOK_SECRET;
if (webhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/=]{16,}$/.test(webhookSecret))
  fail('--webhook-secret: expected whsec_ followed by base64');
const keys = values['secret-key'] ?? env.CARDS_SESSION_SECRET_KEYS?.split(',').filter(Boolean);

try {
  const sandbox = await startSandbox({
    port,
    host: values.host ?? env.CARDS_SESSION_HOST,
    publicOrigin: values['public-origin'] ?? env.CARDS_SESSION_PUBLIC_ORIGIN,
    dataDir: values['data-dir'] ?? env.CARDS_SESSION_DATA_DIR ?? null,
    assetsDir: values['assets-dir'] ?? env.CARDS_SESSION_ASSETS_DIR,
    secretKeys: keys?.length ? keys : undefined,
    webhooks: {
      url: webhookUrl,
      secret: values['webhook-secret'] ?? env.CARDS_SESSION_WEBHOOK_SECRET ?? DEFAULT_WEBHOOK_SECRET,
      callbackToken: values['callback-token'] ?? env.CARDS_SESSION_CALLBACK_TOKEN ?? DEFAULT_CALLBACK_TOKEN,
    },
    log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Cards Session sandbox gateway listening on ${sandbox.origin}\n`);
  if (webhookUrl) process.stdout.write(`Webhooks go to ${webhookUrl}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  const error = err as NodeJS.ErrnoException;
  const hint = error.code === 'EADDRINUSE' ? `: port ${port} is taken (another sandbox?); choose one with --port` : '';
  process.stderr.write(`cards-session-sandbox: ${error.message}${hint}\n`);
  process.exit(1);
}

import { parseArgs } from 'node:util';
import { LIMITS, LIMIT_NAMES, resolveLimits, type Limits } from './limits';
import { DEFAULT_CALLBACK_TOKEN, DEFAULT_SECRET_KEY, DEFAULT_WEBHOOK_SECRET, type SandboxOptions } from './server';
import { webhookSecretProblem } from './webhooks';

const limitLines = LIMIT_NAMES.map((name) => {
  const { flag, env, default: value, help } = LIMITS[name];
  return `  ${`--${flag} <n>`.padEnd(31)}${help}, default ${value}\n${' '.repeat(33)}(env ${env})`;
});

/** The CLI's `--help`. */
export const USAGE = `Usage: cards-session-sandbox [options]

  --port <n>            port to listen on (env CARDS_SESSION_PORT, default 4400)
  --host <host>         interface to listen on (env CARDS_SESSION_HOST, default 127.0.0.1)
  --public-origin <o>   origin browsers use (env CARDS_SESSION_PUBLIC_ORIGIN, default http://localhost:<port>)
  --data-dir <dir>      SQLite folder (env CARDS_SESSION_DATA_DIR); omit to keep state in memory
  --secret-key <key>    accepted secret key, repeatable (env CARDS_SESSION_SECRET_KEYS, comma-separated;
                        default ${DEFAULT_SECRET_KEY})
  --webhook-url <url>   where webhooks are posted (env CARDS_SESSION_WEBHOOK_URL); without it they wait
                        in the outbox
  --webhook-secret <s>  whsec_ + base64 of 24–64 bytes (env CARDS_SESSION_WEBHOOK_SECRET;
                        default ${DEFAULT_WEBHOOK_SECRET})
  --callback-token <t>  x-callback-token header value (env CARDS_SESSION_CALLBACK_TOKEN;
                        default ${DEFAULT_CALLBACK_TOKEN})
  --assets-dir <dir>    built SDK and frame (env CARDS_SESSION_ASSETS_DIR; default: the package's own)
  --quiet               no request log
  -h, --help            this text

Limits, per session and per socket (integers; times in milliseconds):
${limitLines.join('\n')}`;

/** A command line the CLI refuses: the message says what was expected and what it received. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What the command line asks for: help, or a sandbox to start. */
export type CliRequest = { help: true } | { help: false; options: SandboxOptions & { port: number }; quiet: boolean };

/** Parses the CLI's arguments and environment; throws {@link UsageError}. */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined>): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
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
        ...Object.fromEntries(LIMIT_NAMES.map((name) => [LIMITS[name].flag, { type: 'string' as const }])),
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { help: true };
  const flags: Record<string, unknown> = values;
  const text = (flag: string, envName: string): string | undefined => {
    const value = flags[flag] ?? env[envName];
    return typeof value === 'string' ? value : undefined;
  };

  const portText = text('port', 'CARDS_SESSION_PORT') ?? '4400';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port: expected 0 to 65535, received ${portText}`);
  const webhookUrl = text('webhook-url', 'CARDS_SESSION_WEBHOOK_URL') ?? null;
  if (webhookUrl !== null && !/^https?:\/\/[^/]/.test(webhookUrl))
    throw new UsageError(`--webhook-url: expected an http(s) URL, received ${webhookUrl}`);
  const webhookSecret = text('webhook-secret', 'CARDS_SESSION_WEBHOOK_SECRET');
  const secretProblem = webhookSecret === undefined ? null : webhookSecretProblem(webhookSecret);
  if (secretProblem) throw new UsageError(`--webhook-secret: ${secretProblem}`);
  const keys = values['secret-key'] ?? env.CARDS_SESSION_SECRET_KEYS?.split(',').filter(Boolean);

  // Each limit from its flag or variable, as a number when it reads as one: resolveLimits then
  // says "expected an integer from X to Y, received Z" about anything else.
  const given: Partial<Record<keyof Limits, unknown>> = {};
  for (const name of LIMIT_NAMES) {
    const raw = text(LIMITS[name].flag, LIMITS[name].env);
    if (raw !== undefined) given[name] = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
  }
  let limits: Limits;
  try {
    limits = resolveLimits(given, (name) => `--${LIMITS[name].flag}`);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }

  return {
    help: false,
    quiet: values.quiet === true,
    options: {
      port,
      host: text('host', 'CARDS_SESSION_HOST'),
      publicOrigin: text('public-origin', 'CARDS_SESSION_PUBLIC_ORIGIN'),
      dataDir: text('data-dir', 'CARDS_SESSION_DATA_DIR') ?? null,
      assetsDir: text('assets-dir', 'CARDS_SESSION_ASSETS_DIR'),
      secretKeys: keys?.length ? keys : undefined,
      webhooks: {
        url: webhookUrl,
        secret: webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
        callbackToken: text('callback-token', 'CARDS_SESSION_CALLBACK_TOKEN') ?? DEFAULT_CALLBACK_TOKEN,
      },
      ...limits,
    },
  };
}

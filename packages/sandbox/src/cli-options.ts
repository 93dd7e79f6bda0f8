import { parseArgs } from 'node:util';
import type { FormsCommand } from './forms-cli';
import { LIMITS, LIMIT_NAMES, resolveLimits, type Limits } from './limits';
import { DEFAULT_CALLBACK_TOKEN, DEFAULT_SECRET_KEY, DEFAULT_WEBHOOK_SECRET, type SandboxOptions } from './server';
import { webhookSecretProblem } from './webhooks';

const limitLines = LIMIT_NAMES.map((name) => {
  const { flag, env, default: value, help } = LIMITS[name];
  return `  ${`--${flag} <n>`.padEnd(31)}${help}, default ${value}\n${' '.repeat(33)}(env ${env})`;
});

/** The `forms` commands' part of `--help`. */
const FORMS_USAGE = `Custom forms (a folder with form.html, form.css, images, fonts; see the sandbox README):
  cards-session-sandbox forms push <dir> --name <name> [--gateway <url>] [--key <secret>]
                        zips the folder and uploads it as a new version of the form <name>
  cards-session-sandbox forms preview <name> [--port <n>] [--gateway <url>] [--key <secret>]
                        serves a checkout page (port default 4500) showing the form with a test
                        session on each load
  --gateway             env CARDS_SESSION_GATEWAY, default http://localhost:4400
  --key                 env CARDS_SESSION_SECRET_KEY, default ${DEFAULT_SECRET_KEY}
  exit codes: 0 done, 1 the gateway refused (a refused form's problems as file:line: reason),
              2 bad command line or port taken, 3 the folder is no form, 4 no gateway answered`;

/** The CLI's `--help`. */
export const USAGE = `Usage: cards-session-sandbox [options]
       cards-session-sandbox forms push|preview … (below)

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
${limitLines.join('\n')}

${FORMS_USAGE}`;

/** A command line the CLI refuses: the message says what was expected and what it received. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What the command line asks for: help, a sandbox to start, or a `forms` command. */
export type CliRequest =
  | { help: true }
  | { help: false; command: 'serve'; options: SandboxOptions & { port: number }; quiet: boolean }
  | { help: false; command: 'forms'; forms: FormsCommand };

/** A form's name as `PUT /v1/forms/{name}` takes it. */
const FORM_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Parses `forms push <dir> --name <name>` / `forms preview <name>` and their flags. */
function parseForms(argv: readonly string[], env: Record<string, string | undefined>): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        gateway: { type: 'string' },
        key: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [action, target, ...extra] = positionals;
  if (action !== 'push' && action !== 'preview')
    throw new UsageError(`forms: expected push or preview, received ${action ?? 'nothing'}`);
  if (extra.length) throw new UsageError(`forms ${action}: unexpected argument ${extra[0]}`);
  const gateway = (values.gateway ?? env.CARDS_SESSION_GATEWAY ?? 'http://localhost:4400').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(gateway))
    throw new UsageError(`--gateway: expected the gateway's origin (http(s)://host[:port]), received ${gateway}`);
  const key = values.key ?? env.CARDS_SESSION_SECRET_KEY ?? DEFAULT_SECRET_KEY;
  const checkName = (flag: string, name: string | undefined): string => {
    if (name !== undefined && FORM_NAME.test(name)) return name;
    throw new UsageError(
      `INVALID_FORM_NAME: ${flag}: expected 1 to 64 of a-z 0-9 _ - starting with a letter or digit, received ${name === undefined ? 'nothing' : JSON.stringify(name)}`,
    );
  };
  if (action === 'push') {
    if (!target) throw new UsageError('forms push: expected the form folder, received nothing');
    if (values.port !== undefined) throw new UsageError('forms push: --port is for forms preview');
    return {
      help: false,
      command: 'forms',
      forms: { action, dir: target, name: checkName('--name', values.name), gateway, key },
    };
  }
  if (values.name !== undefined) throw new UsageError('forms preview: the name is an argument: forms preview <name>');
  const portText = values.port ?? '4500';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port: expected 0 to 65535, received ${portText}`);
  return { help: false, command: 'forms', forms: { action, name: checkName('<name>', target), port, gateway, key } };
}

/** Parses the CLI's arguments and environment; throws {@link UsageError}. */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined>): CliRequest {
  if (argv[0] === 'forms') return parseForms(argv.slice(1), env);
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
    command: 'serve',
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

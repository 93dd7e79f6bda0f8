import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { USAGE, UsageError, parseCli } from './cli-options';
import { LIMITS, LIMIT_NAMES } from './limits';
import { DEFAULT_CALLBACK_TOKEN, DEFAULT_WEBHOOK_SECRET } from './server';
import { signWebhook, webhookSecretProblem } from './webhooks';

/** The options a command line starts the sandbox with; fails the test if it asked for help. */
function optionsOf(argv: string[], env: Record<string, string> = {}) {
  const request = parseCli(argv, env);
  if (request.help || request.command !== 'serve') throw new Error('asked for no sandbox');
  return request.options;
}

const refusal = (argv: string[], env: Record<string, string> = {}) => {
  try {
    parseCli(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('parseCli', () => {
  it('starts on port 4400 in memory with every default', () => {
    expect(optionsOf([])).toEqual({
      port: 4400,
      host: undefined,
      publicOrigin: undefined,
      dataDir: null,
      assetsDir: undefined,
      secretKeys: undefined,
      webhooks: { url: null, secret: DEFAULT_WEBHOOK_SECRET, callbackToken: DEFAULT_CALLBACK_TOKEN },
      ...Object.fromEntries(LIMIT_NAMES.map((name) => [name, LIMITS[name].default])),
    });
  });

  it.each(LIMIT_NAMES)('takes %s from its flag, else its environment variable', (name) => {
    const { flag, env, default: fallback } = LIMITS[name];
    const value = fallback + 1;
    expect(optionsOf([`--${flag}`, String(value)])[name]).toBe(value);
    expect(optionsOf([], { [env]: String(value) })[name]).toBe(value);
    expect(optionsOf([`--${flag}`, String(value)], { [env]: String(value + 1) })[name]).toBe(value);
  });

  it.each([
    [['--max-connections', '0'], '--max-connections: expected an integer from 1 to 65535, received 0'],
    [['--max-payment-requests', 'many'], '--max-payment-requests: expected an integer from 1 to 1000, received "many"'],
    [['--max-wrong-3ds-codes', '2.5'], '--max-wrong-3ds-codes: expected an integer from 1 to 1000, received "2.5"'],
    [['--idle-socket-timeout-ms=-5'], '--idle-socket-timeout-ms: expected an integer from 10 to 86400000, received -5'],
    [
      ['--max-requests-per-socket', ''],
      '--max-requests-per-socket: expected an integer from 1 to 1000000, received ""',
    ],
    [
      ['--headers-timeout-ms', '60000', '--request-timeout-ms', '30000'],
      '--headers-timeout-ms: expected at most --request-timeout-ms (30000), received 60000',
    ],
    [['--port', '70000'], '--port: expected 0 to 65535, received 70000'],
    [['--port', 'x'], '--port: expected 0 to 65535, received x'],
    [['--webhook-url', 'ftp://x'], '--webhook-url: expected an http(s) URL, received ftp://x'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  describe('--webhook-secret: only what the official standardwebhooks package can use', () => {
    const secretOf = (bytes: number) => `whsec_${randomBytes(bytes).toString('base64')}`;
    const expected = 'expected whsec_ followed by the base64 of 24 to 64 random bytes';

    it.each([24, 32, 64])('accepts %i bytes, and the package verifies what the sandbox signs with it', (bytes) => {
      const secret = secretOf(bytes);
      const options = optionsOf(['--webhook-secret', secret]);
      expect(options.webhooks?.secret).toBe(secret);
      const id = 'evt-1';
      const at = Math.floor(Date.now() / 1000);
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(at),
        'webhook-signature': signWebhook(secret, id, at, '{}'),
      };
      expect(new Webhook(secret).verify('{}', headers)).toEqual({});
    });

    it.each([
      // Unpadded: Node's decoder takes it, the package's refuses it; the old check let it through.
      ['whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'received text that is not padded standard base64'],
      ['whsec_' + 'A'.repeat(31) + '*', 'received text that is not padded standard base64'],
      [`whsec_${Buffer.alloc(32).toString('base64url')}_-`, 'received text that is not padded standard base64'],
      [Buffer.alloc(32).toString('base64'), 'received no whsec_ prefix'],
      ['whsec_', 'received a secret the standardwebhooks package cannot decode'],
      [`whsec_${Buffer.alloc(16).toString('base64')}`, 'received 16 bytes'],
      [`whsec_${Buffer.alloc(65).toString('base64')}`, 'received 65 bytes'],
    ])('refuses %j', (secret, why) => {
      expect(refusal(['--webhook-secret', secret])).toBe(`--webhook-secret: ${expected}, ${why}`);
      expect(refusal([], { CARDS_SESSION_WEBHOOK_SECRET: secret })).toBe(`--webhook-secret: ${expected}, ${why}`);
      expect(webhookSecretProblem(secret)).toBe(`${expected}, ${why}`);
    });

    it('is what the default secret satisfies', () => {
      expect(webhookSecretProblem(DEFAULT_WEBHOOK_SECRET)).toBeNull();
    });
  });

  it('refuses a bad value from the environment, naming the flag', () => {
    expect(refusal([], { CARDS_SESSION_MAX_CONNECTIONS: '1e9' })).toBe(
      '--max-connections: expected an integer from 1 to 65535, received "1e9"',
    );
  });

  it('refuses unknown flags', () => {
    expect(refusal(['--max-sockets', '3'])).toMatch(/Unknown option '--max-sockets'/);
  });

  it('documents every limit in --help with its variable and default', () => {
    expect(parseCli(['--help'], {})).toEqual({ help: true });
    for (const name of LIMIT_NAMES) {
      const { flag, env, default: value } = LIMITS[name];
      expect(USAGE).toMatch(new RegExp(`--${flag} <n> .*, default ${value}\\n +\\(env ${env}\\)`));
    }
    for (const line of USAGE.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110);
  });

  it("matches the README's flag table", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of LIMIT_NAMES) {
      const { flag, env, default: value } = LIMITS[name];
      expect(readme).toMatch(new RegExp(`\\| \`--${flag}\` +\\| \`${env}\` +\\| \`${value}\``));
    }
  });
});

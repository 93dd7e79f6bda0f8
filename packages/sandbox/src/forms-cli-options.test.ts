import { describe, expect, it } from 'vitest';
import { USAGE, UsageError, parseCli } from './cli-options';
import { DEFAULT_SECRET_KEY } from './server';

/** The `forms` command a command line asks for; fails the test otherwise. */
function formsOf(argv: string[], env: Record<string, string> = {}) {
  const request = parseCli(['forms', ...argv], env);
  if (request.help || request.command !== 'forms') throw new Error('no forms command');
  return request.forms;
}

const refusal = (argv: string[]) => {
  try {
    parseCli(['forms', ...argv], {});
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('parseCli: forms', () => {
  it('push: the folder, the name, the local sandbox and its published key by default', () => {
    expect(formsOf(['push', 'forms/kopi', '--name', 'kopi'])).toEqual({
      action: 'push',
      dir: 'forms/kopi',
      name: 'kopi',
      gateway: 'http://localhost:4400',
      key: DEFAULT_SECRET_KEY,
    });
  });

  it('push: --gateway and --key win over CARDS_SESSION_GATEWAY and CARDS_SESSION_SECRET_KEY', () => {
    const env = { CARDS_SESSION_GATEWAY: 'http://127.0.0.1:9', CARDS_SESSION_SECRET_KEY: 'sk_env' };
    expect(formsOf(['push', 'd', '--name', 'a'], env)).toMatchObject({ gateway: 'http://127.0.0.1:9', key: 'sk_env' });
    expect(
      formsOf(['push', 'd', '--name', 'a', '--gateway', 'https://gw.example/', '--key', 'sk_flag'], env),
    ).toMatchObject({ gateway: 'https://gw.example', key: 'sk_flag' });
  });

  it('preview: the name as argument, port 4500 unless --port says', () => {
    expect(formsOf(['preview', 'kopi'])).toEqual({
      action: 'preview',
      name: 'kopi',
      port: 4500,
      gateway: 'http://localhost:4400',
      key: DEFAULT_SECRET_KEY,
    });
    expect(formsOf(['preview', 'kopi', '--port', '0'])).toMatchObject({ port: 0 });
  });

  it.each([
    ['Kopi', '"Kopi"'],
    ['-kopi', '"-kopi"'],
    ['a/b', '"a/b"'],
    ['x'.repeat(65), `"${'x'.repeat(65)}"`],
    ['', '""'],
  ])('refuses the name %j with INVALID_FORM_NAME', (name, shown) => {
    expect(refusal(['push', 'dir', `--name=${name}`])).toBe(
      `INVALID_FORM_NAME: --name: expected 1 to 64 of a-z 0-9 _ - starting with a letter or digit, received ${shown}`,
    );
  });

  it.each([
    [['push', 'dir'], /^INVALID_FORM_NAME: --name: .*received nothing$/],
    [['push', '--name', 'kopi'], /^forms push: expected the form folder, received nothing$/],
    [['preview'], /^INVALID_FORM_NAME: <name>: .*received nothing$/],
    [['preview', 'kopi', '--name', 'kopi'], /^forms preview: the name is an argument/],
    [['preview', 'kopi', '--port', '99999'], /^--port: expected 0 to 65535, received 99999$/],
    [['push', 'd', '--name', 'k', '--port', '1'], /^forms push: --port is for forms preview$/],
    [['push', 'd', 'e', '--name', 'k'], /^forms push: unexpected argument e$/],
    [['pull', 'd'], /^forms: expected push or preview, received pull$/],
    [[], /^forms: expected push or preview, received nothing$/],
    [['push', 'd', '--name', 'k', '--gateway', 'localhost:4400'], /^--gateway: expected the gateway's origin/],
    [['push', 'd', '--name', 'k', '--gateway', 'http://gw/v1'], /^--gateway: expected the gateway's origin/],
    [['push', 'd', '--name', 'k', '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j', (argv, message) => {
    expect(refusal(argv)).toMatch(message);
  });

  it('documents both commands, their flags and exit codes in --help', () => {
    expect(parseCli(['forms', '--help'], {})).toEqual({ help: true });
    expect(USAGE).toContain('cards-session-sandbox forms push <dir> --name <name> [--gateway <url>] [--key <secret>]');
    expect(USAGE).toContain('cards-session-sandbox forms preview <name> [--port <n>]');
    expect(USAGE).toMatch(
      /exit codes: 0 done, 1 the gateway refused .*\n.*3 the folder is no form, 4 no gateway answered/,
    );
  });
});

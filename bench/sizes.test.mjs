// The bench's size code: the files' own bytes and their compressed sizes, never the compressed
// size of an already encoded body.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { compressedSizes, loadedSizes, servedSizes, total } from './sizes.mjs';

// 14,380 bytes; `gzip -9 -n -c bench/fixtures/known.js | wc -c` prints 1295. Brotli quality 11
// (the reference encoder Node ships) makes 719 bytes of it.
const known = readFileSync(new URL('./fixtures/known.js', import.meta.url));

describe('compressedSizes', () => {
  it('measures a known file: its bytes, gzip -9 and brotli 11', () => {
    expect(compressedSizes(known)).toEqual({ raw: 14380, gzip: 1295, brotli: 719 });
  });

  it('an empty file is the gzip header and trailer around an empty block', () => {
    expect(compressedSizes(Buffer.alloc(0))).toMatchObject({ raw: 0, gzip: 20 });
  });
});

// A gateway stand-in: identity when asked for it, brotli when `br` is accepted; `lies` answers
// brotli whatever was asked, as a misconfigured CDN would.
let server;
let base;
const brotli = brotliCompressSync(known);
beforeAll(async () => {
  server = createServer((req, res) => {
    const br = /\bbr\b/.test(req.headers['accept-encoding'] ?? '') || req.url === '/lies.js';
    if (req.url === '/missing.js') return res.writeHead(404).end();
    res.writeHead(200, br ? { 'Content-Encoding': 'br' } : {});
    res.end(br ? brotli : known);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('servedSizes', () => {
  it('measures the identity bytes and reports the wire bytes with their encoding apart', async () => {
    const s = await servedSizes(`${base}/known.js`);
    expect(s).toMatchObject({ raw: 14380, gzip: 1295, brotli: 719, wire: brotli.length, encoding: 'br' });
    // The wire figure is the encoded body as sent, not compressed again.
    expect(brotliDecompressSync(brotli).equals(known)).toBe(true);
  });

  it('refuses an encoded answer to Accept-Encoding: identity instead of measuring it', async () => {
    await expect(servedSizes(`${base}/lies.js`)).rejects.toThrow(/identity answered Content-Encoding: br/);
  });

  it('refuses a URL that is not there', async () => {
    await expect(servedSizes(`${base}/missing.js`)).rejects.toThrow(/answered 404/);
  });
});

describe('loadedSizes', () => {
  it('sums every file the page loaded before ready, not the page itself, and the frame apart', async () => {
    const loaded = [
      { by: 'page', url: `${base}/page`, navigation: true },
      { by: 'page', url: `${base}/stage-1.js`, navigation: false },
      { by: 'page', url: `${base}/stage-2.js`, navigation: false },
      { by: 'frame', url: `${base}/frame?session=spent`, navigation: true },
    ];
    const renewed = [];
    const sizes = await loadedSizes(loaded, {
      renewFrame: async (url) => {
        renewed.push(url);
        return url.replace('spent', 'fresh');
      },
    });
    expect(sizes.page).toMatchObject({ requests: 2, raw: 2 * 14380, gzip: 2 * 1295, encodings: 'br' });
    expect(sizes.frame).toMatchObject({ requests: 1, raw: 14380 });
    expect(renewed).toEqual([`${base}/frame?session=spent`]);
    // The query (a session id) is not kept in the results.
    expect(sizes.frame.files[0].url).toBe(`${base}/frame`);
  });
});

describe('total', () => {
  it('of nothing is zero requests and zero bytes', () => {
    expect(total([])).toMatchObject({ requests: 0, raw: 0, gzip: 0, brotli: 0, wire: 0, encodings: '' });
  });

  it('names each encoding once', () => {
    const f = (encoding) => ({ url: 'u', raw: 1, gzip: 1, brotli: 1, wire: 1, encoding });
    expect(total([f('br'), f('identity'), f('br')]).encodings).toBe('br, identity');
  });
});

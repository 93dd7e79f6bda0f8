// Sizes, two separate figures never mixed: the files' own bytes (as built, asked for with
// `Accept-Encoding: identity`) with `gzip -9` and brotli 11 of those bytes, and what the wire
// carries when a browser asks for `gzip, br`, with the Content-Encoding the gateway chose. An
// encoded body is never compressed again.
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { basicAuth, json, request, sessionBody } from './http.mjs';

/**
 * `raw` bytes, `gzip -9` and brotli quality 11 of exactly those bytes. gzip -9 is zlib's level 9,
 * as size-limit counts it (GNU gzip's own deflate may land a few bytes either side).
 */
export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** The built files a shopper's browser may load, measured on disk. */
export function builtFiles(root = new URL('../', import.meta.url)) {
  const sdk = readdirSync(new URL('packages/sdk/dist/', root))
    .filter((f) => f.endsWith('.min.js'))
    .sort()
    .map((f) => `packages/sdk/dist/${f}`);
  return [...sdk, 'packages/frame/dist/frame.js', 'packages/frame/src/frame.html'].map((path) => ({
    path,
    ...compressedSizes(readFileSync(new URL(path, root))),
  }));
}

/**
 * One URL measured twice: its own bytes (identity; an encoded answer is an error, not a size) and
 * its wire bytes when `gzip, br` is accepted.
 */
export async function servedSizes(url) {
  const own = await request(url, { headers: { 'Accept-Encoding': 'identity' } });
  if (own.status !== 200) throw new Error(`GET ${url} answered ${own.status}`);
  const ownEncoding = own.headers['content-encoding'];
  if (ownEncoding && ownEncoding !== 'identity')
    throw new Error(`GET ${url} with Accept-Encoding: identity answered Content-Encoding: ${ownEncoding}`);
  const wire = await request(url, { headers: { 'Accept-Encoding': 'gzip, br' } });
  if (wire.status !== 200) throw new Error(`GET ${url} answered ${wire.status}`);
  return {
    url,
    ...compressedSizes(own.body),
    wire: wire.body.length,
    encoding: wire.headers['content-encoding'] ?? 'identity',
  };
}

/** Sums a group of measured files: bytes, requests, and the encodings the wire used. */
export function total(files) {
  const sum = (k) => files.reduce((n, f) => n + f[k], 0);
  return {
    requests: files.length,
    raw: sum('raw'),
    gzip: sum('gzip'),
    brotli: sum('brotli'),
    wire: sum('wire'),
    encodings: [...new Set(files.map((f) => f.encoding))].join(', '),
    files: files.map((f) => ({ ...f, url: f.url.replace(/\?.*$/, '') })),
  };
}

async function freshSession(gateway, merchant, secretKey) {
  const session = await json(`${gateway}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: basicAuth(secretKey), 'Content-Type': 'application/json' },
    body: sessionBody(merchant, `bench-sizes-${Date.now()}`),
  });
  return session.payment_session_id;
}

/**
 * What one page of a real run loaded before `ready`, from its network log (`loaded`: rows of
 * `{ by: 'page' | 'frame', url, navigation }`): every file the merchant page fetched (not its own
 * document), and the frame's document and files. The frame document is fetched again for a fresh
 * session (`session` query parameter), as the logged one may be spent.
 */
export async function loadedSizes(loaded, { renewFrame } = {}) {
  const pageUrls = loaded.filter((r) => r.by === 'page' && !r.navigation).map((r) => r.url);
  const frameRows = loaded.filter((r) => r.by === 'frame');
  const frameUrls = await Promise.all(frameRows.map((r) => (r.navigation && renewFrame ? renewFrame(r.url) : r.url)));
  const measure = (urls) => Promise.all(urls.map(servedSizes)).then(total);
  return { page: await measure(pageUrls), frame: await measure(frameUrls) };
}

/** A frame URL of the gateway's with its session swapped for a fresh one. */
export function renewer({ gateway, merchant, secretKey }) {
  return async (url) => {
    const next = new URL(url);
    if (next.searchParams.has('session'))
      next.searchParams.set('session', await freshSession(gateway, merchant, secretKey));
    return next.href;
  };
}

/**
 * Without a browser run: the loader from the asset manifest, and a real frame document with the
 * scripts it references. Marked as such in the report: the network log is the measure of record.
 */
export async function manifestLoaded({ gateway, merchant, secretKey }) {
  const manifest = await json(`${gateway}/assets/manifest.json`);
  const session = await freshSession(gateway, merchant, secretKey);
  const frameUrl = `${gateway}/v1/frames/cvn?session=${encodeURIComponent(session)}&origin=${encodeURIComponent(merchant)}`;
  const html = (await request(frameUrl)).body.toString('utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g)].map(
    (m) => new URL(m[1], gateway).href,
  );
  return [
    { by: 'page', url: manifest.assets['cards-session.min.js'].url, navigation: false },
    { by: 'frame', url: frameUrl, navigation: true },
    ...scripts.map((url) => ({ by: 'frame', url, navigation: false })),
  ];
}

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Gateway } from '../context';
import { sendJson, type Router } from '../http';

/** The SDK loader and frame script at versioned, immutable URLs, plus the manifest with their SRI hashes. */
export function assetRoutes(router: Router, gw: Gateway): void {
  const { manifest, files } = gw.assets;
  // Compressed once at start, as a CDN would serve them.
  const compressed = new Map(
    [...files].map(([name, bytes]) => [
      name,
      {
        br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        gzip: gzipSync(bytes, { level: 9 }),
      },
    ]),
  );
  const shared = {
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
  };

  router.route('getAssetManifest', ({ res }) => {
    const published = Object.fromEntries(
      Object.entries(manifest.assets)
        .filter(([name]) => name.endsWith('.js'))
        .map(([name, entry]) => [
          name,
          { url: `${gw.origin}/assets/${manifest.version}/${name}`, integrity: entry.integrity },
        ]),
    );
    sendJson(
      res,
      200,
      { version: manifest.version, assets: published },
      { ...shared, 'Cache-Control': 'public, max-age=60' },
    );
  });

  router.route('getAsset', ({ req, res, params }) => {
    const entry = manifest.assets[params.name ?? ''];
    const bytes = files.get(params.name ?? '');
    if (params.version !== manifest.version || !entry || !bytes || !params.name?.endsWith('.js')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...shared });
      res.end('Not found');
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    const body = encoding ? (compressed.get(params.name)?.[encoding] ?? bytes) : bytes;
    res.writeHead(200, {
      'Content-Type': entry.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
      ...(encoding && { 'Content-Encoding': encoding }),
      ...shared,
    });
    res.end(body);
  });
}

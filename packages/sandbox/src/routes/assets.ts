import type { Gateway } from '../gateway';
import { sendJson, type Router } from '../http';

/** The SDK loader and frame script at versioned, immutable URLs, plus the manifest with their SRI hashes. */
export function assetRoutes(router: Router, gw: Gateway): void {
  const { manifest, files } = gw.assets;
  const shared = {
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
  };

  router.add('GET', '/assets/manifest.json', ({ res }) => {
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

  router.add('GET', '/assets/:version/:name', ({ res, params }) => {
    const entry = manifest.assets[params.name ?? ''];
    const bytes = files.get(params.name ?? '');
    if (params.version !== manifest.version || !entry || !bytes || !params.name?.endsWith('.js')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...shared });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': entry.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ...shared,
    });
    res.end(bytes);
  });
}

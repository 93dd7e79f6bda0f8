import type { Gateway } from '../gateway';
import { sendJson, type Router } from '../http';
import { openApiDocument } from '../openapi';

/** `GET /openapi.json`: the contract this gateway speaks. */
export function openApiRoutes(router: Router, gw: Gateway): void {
  const doc = openApiDocument(gw.origin, gw.assets.manifest.version);
  router.add('GET', '/openapi.json', ({ res }) => sendJson(res, 200, doc, { 'Access-Control-Allow-Origin': '*' }));
}

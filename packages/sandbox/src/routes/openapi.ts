import type { Gateway } from '../context';
import { sendJson, type Router } from '../http';
import { openApiDocument } from '../contract';

/** `GET /openapi.json`: the contract this gateway speaks. */
export function openApiRoutes(router: Router, gw: Gateway): void {
  const doc = openApiDocument(gw.origin, gw.assets.manifest.version);
  router.route('getOpenApi', ({ res }) => sendJson(res, 200, doc, { 'Access-Control-Allow-Origin': '*' }));
}

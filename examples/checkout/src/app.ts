import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { CardsSessionError, verifyWebhook, type WebhookEvent } from '@cards-session/node';
import { checkoutPage, errorPage, orderPage } from './pages';
import { DEFAULT_CARD, type Shop, ShopError, STANDARD_DESIGN } from './shop';
import { Shoppers } from './shoppers';
import { withStaticFiles } from './static-files';

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ShopError(413, 'BODY_TOO_LARGE', `expected at most ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // A JSON content type keeps cross-site HTML forms (which can't send one) off the API.
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    throw new ShopError(415, 'UNSUPPORTED_MEDIA_TYPE', 'expected Content-Type: application/json');
  }
  try {
    const value: unknown = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (err) {
    if (err instanceof ShopError) throw err;
  }
  throw new ShopError(400, 'INVALID_JSON', 'expected a JSON object body');
}

/**
 * The shopper's id from the `shopper` cookie, or a new one set on the response: HttpOnly (no
 * script reads it), SameSite=Lax (it comes back from the bank's redirect, not on cross-site posts).
 */
function shopperOf(req: IncomingMessage, res: ServerResponse, secure: boolean): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === 'shopper' && Shoppers.isId(value)) return value;
  }
  const id = Shoppers.newId();
  res.setHeader('Set-Cookie', `shopper=${id}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
  return id;
}

/**
 * What a shopper may see of a failure: the shop's own refusals as they are; the gateway's and
 * anything unexpected as a code, with the detail in the server's log only.
 */
function publicError(err: unknown, gatewayOrigin: string): { status: number; code: string; message: string } {
  if (err instanceof ShopError) return err;
  if (err instanceof CardsSessionError && err.code === 'NETWORK_ERROR') {
    process.stderr.write(`gateway ${gatewayOrigin} unreachable: ${err.message}\n`);
    return {
      status: 502,
      code: 'GATEWAY_UNREACHABLE',
      message: 'The payment gateway cannot be reached. Try again shortly.',
    };
  }
  if (err instanceof CardsSessionError) {
    process.stderr.write(`gateway ${gatewayOrigin} answered ${err.status} ${err.code}: ${err.message}\n`);
    return { status: 502, code: 'GATEWAY_ERROR', message: `The payment gateway refused the request (${err.code}).` };
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' };
}

/**
 * The shop's HTTP handler: the script-tag checkout and order pages, the JSON API the SPA uses,
 * the webhook receiver, and the SPA's built files at `/app/`.
 */
export function shopHandler(shop: Shop, publicDir: string) {
  const { gatewayOrigin } = shop.config;
  // The shop's own CSP: scripts from itself and the gateway, frames from the gateway only.
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${gatewayOrigin}`,
    `frame-src ${gatewayOrigin}`,
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const page = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(JSON.stringify(body));
  };
  const secure = new URL(shop.config.origin).protocol === 'https:';
  const api = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const method = req.method ?? 'GET';
    if (path === '/api/test-cards' && method === 'GET') {
      json(res, 200, await shop.testCards());
    } else if (path === '/api/orders' && method === 'POST') {
      const { card = DEFAULT_CARD } = await readJson(req);
      const { order, settled } = await shop.checkout(shopperOf(req, res, secure), String(card), 'app');
      json(res, 200, { ...order, gateway_origin: gatewayOrigin, settled });
    } else if (/^\/api\/orders\/[\w-]+$/.test(path) && method === 'GET') {
      json(res, 200, shop.order(path.slice('/api/orders/'.length), shopperOf(req, res, secure)));
    } else if (/^\/api\/orders\/[\w-]+\/result$/.test(path) && method === 'POST') {
      const reference = path.split('/')[3] ?? '';
      const shopper = shopperOf(req, res, secure);
      json(res, 200, await shop.reportResult(reference, shopper, (await readJson(req)).result_token));
    } else if (path === '/webhooks/cards-session' && method === 'POST') {
      let event: WebhookEvent;
      try {
        event = verifyWebhook(await readBody(req), req.headers, shop.config.webhooks);
      } catch (err) {
        if (!(err instanceof CardsSessionError)) throw err;
        // Who sent it is unproven (401), or it is proven but unusable (400): the gateway retries either.
        const unproven = err.code === 'INVALID_CALLBACK_TOKEN' || err.code === 'INVALID_WEBHOOK_SIGNATURE';
        return (json(res, unproven ? 401 : 400, { code: err.code, message: err.message }), true);
      }
      // 200 for duplicates and other merchants' sessions too: the gateway stops retrying them.
      json(res, 200, { received: shop.orders.applyWebhook(event) });
    } else return false;
    return true;
  };

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const path = url.pathname;
    if (path.startsWith('/api/') || path.startsWith('/webhooks/')) {
      if (!(await api(req, res, path)))
        json(res, 404, { error_code: 'NOT_FOUND', message: `No route ${req.method} ${path}` });
      return;
    }
    if (req.method !== 'GET') return page(res, 405, errorPage('METHOD_NOT_ALLOWED', `${req.method} ${path}`));
    if (path === '/') {
      const card = url.searchParams.get('card') ?? DEFAULT_CARD;
      const designParam = url.searchParams.get('design') ?? STANDARD_DESIGN;
      const design = designParam === STANDARD_DESIGN ? null : designParam;
      const { order, settled } = await shop.checkout(shopperOf(req, res, secure), card, 'page', design);
      if (settled) {
        res.writeHead(303, { Location: `/orders/${order.reference}`, 'Cache-Control': 'no-store' });
        return void res.end();
      }
      const threeDs = url.searchParams.get('3ds') === 'redirect' ? 'redirect' : 'modal';
      const [loader, cards, designs] = await Promise.all([shop.loaderTag(), shop.testCards(), shop.designs()]);
      return page(res, 200, checkoutPage(order, loader, cards, threeDs, designs));
    }
    const orderPath = /^\/orders\/([\w-]+)$/.exec(path);
    if (orderPath?.[1]) {
      const order = shop.order(orderPath[1], shopperOf(req, res, secure));
      return page(res, 200, orderPage(order, url.searchParams.get('payment')));
    }
    if (path === '/app' || path.startsWith('/app/')) {
      // Its files went out in front (below); every other path under /app/ is the SPA's route.
      const spa = shop.config.spaDir;
      if (!existsSync(join(spa, 'index.html'))) {
        return page(res, 503, errorPage('SPA_NOT_BUILT', 'Build the SPA first: npm run build'));
      }
      return page(res, 200, readFileSync(join(spa, 'index.html'), 'utf8'));
    }
    page(res, 404, errorPage('NOT_FOUND', `No page at ${path}`));
  };

  // The static files go out compressed (brotli or gzip) before the routes see the request. Vite
  // puts a content hash in every name under the SPA's assets/: those never change.
  const { spaDir } = shop.config;
  const folders = [
    { prefix: '/app/assets/', dir: join(spaDir, 'assets'), cache: 'public, max-age=31536000, immutable' },
    { prefix: '/app/', dir: spaDir, cache: 'no-cache' },
    { prefix: '/', dir: publicDir, cache: 'no-cache' },
  ];
  return withStaticFiles(folders, (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', shop.config.origin);
    route(req, res, url).catch((err: unknown) => {
      if (res.headersSent) return res.end();
      const { status, code, message } = publicError(err, gatewayOrigin);
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/webhooks/')) {
        json(res, status, { error_code: code, message });
      } else page(res, status, errorPage(code, message));
    });
  });
}

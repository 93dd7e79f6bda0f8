import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError, gatewayClient } from './gateway-client';
import { checkoutPage, errorPage, resultPage } from './pages';

const port = Number(process.env.CHECKOUT_PORT ?? 4300);
const host = process.env.CHECKOUT_HOST ?? '127.0.0.1';
const origin = process.env.CHECKOUT_ORIGIN ?? `http://${host}:${port}`;
const gatewayOrigin = process.env.CARDS_SESSION_GATEWAY ?? 'http://localhost:4400';
const secretKey = process.env.CARDS_SESSION_SECRET_KEY ?? 'sk_sandbox_cards_session_demo';
const gateway = gatewayClient(gatewayOrigin, secretKey);

const here = dirname(fileURLToPath(import.meta.url));
const statics: Record<string, [string, string]> = {
  '/checkout.js': ['public/checkout.js', 'text/javascript; charset=utf-8'],
  '/styles.css': ['public/styles.css', 'text/css; charset=utf-8'],
};

/** Orders by reference, with the session that pays each. A real shop keeps these in its database. */
const orders = new Map<string, string>();

// The merchant's own CSP: scripts from itself and the gateway, the frame from the gateway only.
const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': `default-src 'self'; script-src 'self' ${gatewayOrigin}; frame-src ${gatewayOrigin}; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', origin);
  const html = (status: number, body: string) => {
    res.writeHead(status, pageHeaders);
    res.end(body);
  };
  const route = async () => {
    const file = statics[url.pathname];
    if (file) {
      res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-cache' });
      res.end(readFileSync(join(here, file[0])));
      return;
    }
    if (url.pathname === '/' && req.method === 'GET') {
      const reference = `order-${randomUUID().slice(0, 8)}`;
      const card = url.searchParams.get('card') ?? 'cpt-visa-challenge';
      const session = await gateway.createSession({
        reference_id: reference,
        session_type: 'PAY',
        amount: 150000,
        currency: 'IDR',
        country: 'ID',
        customer: { reference_id: 'customer-1', email: 'shopper@example.com' },
        cards_session_js: {
          card_payment_token_id: card,
          success_return_url: `${origin}/orders/${reference}/complete`,
          failure_return_url: `${origin}/orders/${reference}/failed`,
        },
        allowed_origins: [origin],
      });
      orders.set(reference, session.payment_session_id);
      const threeDs = url.searchParams.get('3ds') === 'redirect' ? 'redirect' : 'modal';
      const flow = { threeDs, orderUrl: `/orders/${reference}/complete` } as const;
      return html(200, checkoutPage(session, await gateway.loaderTag(), flow));
    }
    const done = /^\/orders\/([\w-]+)\/(complete|failed)$/.exec(url.pathname);
    const sessionId = done?.[1] ? orders.get(done[1]) : undefined;
    if (sessionId) return html(200, resultPage(await gateway.getSession(sessionId)));
    html(404, errorPage('NOT_FOUND', `No page at ${url.pathname}`));
  };
  route().catch((err: unknown) => {
    const code = err instanceof GatewayError ? err.code : 'GATEWAY_UNREACHABLE';
    const message = err instanceof Error ? err.message : String(err);
    if (!res.headersSent) html(502, errorPage(code, `The payment gateway at ${gatewayOrigin}: ${message}`));
  });
});

server.listen(port, host, () => {
  process.stdout.write(`Example checkout listening on ${origin} (gateway ${gatewayOrigin})\n`);
});

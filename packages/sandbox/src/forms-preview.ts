import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callGateway, getForm, type GatewayAccess } from './forms-client';
import { escapeHtml } from './http';
import { csp, cspHash } from './security-headers';

/** What `forms preview` serves: a form, the gateway it lives on, and where to listen. */
export interface PreviewOptions extends GatewayAccess {
  name: string;
  /** The port on 127.0.0.1 (0: any free one). */
  port: number;
}

/** A running preview: the merchant-like page at `url`. */
export interface Preview {
  url: string;
  close(): Promise<void>;
}

/** The stored card a preview pays with unless the page's `?card=` names another. */
const DEFAULT_CARD = 'cpt-visa-challenge';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;max-width:28rem;margin:2rem auto;padding:0 1rem}
label{display:block;font-weight:600;margin-top:1rem}#cvn{margin:.25rem 0 1rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#1d4ed8;color:#fff}
button:disabled{background:#6b7280}button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
code{background:#f3f4f6;padding:0 .2rem}`;

// The page's own script: what a merchant's checkout does with the field, nothing more.
const SCRIPT = `const root = document.querySelector('[data-payment-session-id]');
const pay = document.getElementById('pay');
const status = document.getElementById('status');
const say = (text, code) => { status.textContent = code ? text + ' (' + code + ')' : text; };
const cs = CardsSession.init({ paymentSessionId: root.dataset.paymentSessionId });
const cvn = cs.createField('cvn', { help: true });
cvn.on('change', (state) => { pay.disabled = !state.complete; });
cvn.on('ready', () => { root.dataset.ready = 'true'; });
cvn.mount('#cvn').catch((err) => say(err.message, err.code));
document.getElementById('payment-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  pay.disabled = true;
  try {
    const outcome = await cs.authenticate(await cs.submit(), { mode: 'modal' });
    say('Payment ' + outcome.status.toLowerCase() + '. Reload for a new test session.');
  } catch (err) {
    say(err.message, err.code);
    pay.disabled = !(cvn.state && cvn.state.complete);
  }
});
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * Serves the preview of a stored form as a merchant's checkout would show it, on its own origin:
 * each load of `/` creates a test session naming the form (so a form pushed again shows at the
 * next reload), loads the SDK loader from the gateway with its SRI hash and mounts the real
 * frame. `?card=<card_payment_token_id>` picks another sandbox test card.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const access = { gateway: options.gateway, key: options.key };
  // Fails early, with the gateway's code, for an unknown form or an unreachable gateway.
  await getForm(access, options.name);
  let origin = '';
  const headers = (gatewayOrigin: string) => ({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': csp({
      'default-src': "'none'",
      'script-src': `'self' ${gatewayOrigin}`,
      'frame-src': gatewayOrigin,
      'style-src': cspHash(STYLE),
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    }),
  });

  const checkout = async (url: URL, res: ServerResponse) => {
    const card = url.searchParams.get('card') ?? DEFAULT_CARD;
    const [session, manifest] = await Promise.all([
      callGateway<{ payment_session_id: string; amount: number; currency: string }>(access, 'POST', '/v1/sessions', {
        type: 'application/json',
        data: JSON.stringify({
          reference_id: `preview-${randomUUID().slice(0, 8)}`,
          session_type: 'PAY',
          amount: 250000,
          currency: 'IDR',
          country: 'ID',
          cards_session_js: {
            card_payment_token_id: card,
            success_return_url: `${origin}/done`,
            failure_return_url: `${origin}/done?payment=failed`,
            form: options.name,
          },
          allowed_origins: [origin],
        }),
      }),
      callGateway<{ assets: Record<string, { url: string; integrity: string }> }>(
        access,
        'GET',
        '/assets/manifest.json',
      ),
    ]);
    const loader = manifest.assets['cards-session.min.js'];
    if (!loader) throw new Error('the gateway publishes no cards-session.min.js');
    const gatewayOrigin = new URL(loader.url).origin;
    res.writeHead(200, headers(gatewayOrigin));
    res.end(
      page(
        `Preview of the form ${options.name}`,
        `<main data-payment-session-id="${escapeHtml(session.payment_session_id)}">
<h1>Preview: <code>${escapeHtml(options.name)}</code></h1>
<p>A test session (${escapeHtml(session.payment_session_id)}, card <code>${escapeHtml(card)}</code>) showing the form's current version, as your checkout would.</p>
<form id="payment-form" novalidate>
<label for="cvn">Security code</label>
<div id="cvn"></div>
<button id="pay" type="submit" disabled>Pay</button>
<p id="status" role="status"></p>
</form>
</main>
<script src="${escapeHtml(loader.url)}" integrity="${escapeHtml(loader.integrity)}" crossorigin="anonymous"></script>
<script src="/preview.js"></script>`,
      ),
    );
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const fail = (status: number, text: string) => {
      res.writeHead(status, headers(options.gateway));
      res.end(page('Preview', `<main><h1>Preview</h1><p>${escapeHtml(text)}</p></main>`));
    };
    if (req.method !== 'GET') return fail(405, `${req.method} is not served here`);
    if (url.pathname === '/preview.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(SCRIPT);
    }
    if (url.pathname === '/done') {
      return fail(
        200,
        `3-D Secure ended ${url.searchParams.get('payment') === 'failed' ? 'in failure' : 'in success'}.`,
      );
    }
    if (url.pathname !== '/') return fail(404, `Nothing at ${url.pathname}: the preview is at /`);
    checkout(url, res).catch((err: unknown) => {
      const { code, message } = err as { code?: string; message: string };
      fail(502, `The gateway refused the preview session: ${code ?? 'ERROR'}: ${message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

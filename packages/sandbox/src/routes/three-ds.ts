import { createHash } from 'node:crypto';
import { ErrorCode } from '@cards-session/protocol';
import { ApiError } from '../errors';
import { loadSession, type Gateway } from '../gateway';
import { escapeHtml, readText, sendHtml, type Router } from '../http';
import { csp } from '../pages';

/** The one-time code the simulator accepts. */
export const THREE_DS_CODE = '1234';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f3f4f6;color:#111827}
main{background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002;padding:2rem;max-width:22rem;width:100%}
h1{font-size:1.25rem;margin:0 0 .5rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{font:inherit;padding:.5rem;border:1px solid #6b7280;border-radius:6px;width:8rem;letter-spacing:.2em}
.actions{display:flex;gap:.5rem;margin-top:1.25rem}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8}.hint{color:#4b5563;font-size:.875rem}`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The 3-D Secure simulator: a challenge page that ends on the session's return URLs. */
export function threeDsRoutes(router: Router, gw: Gateway): void {
  const load = (id: string) => {
    const pr = gw.store.getPaymentRequest(id);
    if (!pr) throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No payment request ${id}`);
    return { pr, session: loadSession(gw, pr.payment_session_id) };
  };
  const headers = (returnOrigins: string[]) => ({
    'Content-Security-Policy': csp({
      'default-src': "'none'",
      'style-src': STYLE_HASH,
      // Chromium applies form-action to the redirect that follows the POST.
      'form-action': ["'self'", ...new Set(returnOrigins)].join(' '),
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    }),
    'Referrer-Policy': 'no-referrer',
  });

  router.add('GET', '/v1/3ds/:id', ({ res, params }) => {
    const { pr, session } = load(params.id ?? '');
    const js = session.cards_session_js;
    const origins = [new URL(js.success_return_url).origin, new URL(js.failure_return_url).origin];
    if (pr.status !== 'REQUIRES_ACTION') {
      return sendHtml(res, 409, page('Already authenticated', `<h1>Already finished</h1><p>This payment is ${escapeHtml(pr.status)}.</p>`), headers(origins));
    }
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: pr.currency }).format(pr.amount);
    sendHtml(
      res,
      200,
      page(
        '3-D Secure — Sandbox bank',
        `<h1>Sandbox bank: confirm your payment</h1>
<p>${escapeHtml(amount)} to merchant reference <strong>${escapeHtml(pr.reference_id)}</strong>, card •••• ${escapeHtml(session.card.last4)}.</p>
<form method="post" action="/v1/3ds/${escapeHtml(pr.payment_request_id)}">
<label for="code">One-time code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required aria-describedby="hint" autofocus>
<p id="hint" class="hint">Sandbox: ${THREE_DS_CODE} passes, any other code fails.</p>
<div class="actions"><button type="submit" name="action" value="authenticate">Confirm</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button></div>
</form>`,
      ),
      headers(origins),
    );
  });

  router.add('POST', '/v1/3ds/:id', async ({ req, res, params }) => {
    const { pr, session } = load(params.id ?? '');
    if (pr.status !== 'REQUIRES_ACTION') {
      throw new ApiError(409, ErrorCode.SESSION_NOT_ACTIVE, `Payment request ${pr.payment_request_id} is ${pr.status}`);
    }
    const form = new URLSearchParams(await readText(req, 4096));
    const passed = form.get('action') === 'authenticate' && form.get('code') === THREE_DS_CODE;
    gw.store.transaction(() => {
      if (passed) {
        gw.store.updatePaymentRequest(pr.payment_request_id, 'SUCCEEDED');
        gw.store.updateSession(session.payment_session_id, { status: 'COMPLETED', payment_request_id: pr.payment_request_id });
      } else {
        const failure = form.get('action') === 'cancel' ? 'AUTHENTICATION_CANCELED' : 'AUTHENTICATION_FAILED';
        gw.store.updatePaymentRequest(pr.payment_request_id, 'FAILED', { failure_code: failure });
      }
    });
    const js = session.cards_session_js;
    res.writeHead(303, { Location: passed ? js.success_return_url : js.failure_return_url, 'Cache-Control': 'no-store' });
    res.end();
  });
}

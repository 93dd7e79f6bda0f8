import { MessageName, type Locale, type ThreeDsReady, type ThreeDsResult } from '@cards-session/protocol';
import { escapeHtml } from './http';
import { cspHash } from './security-headers';
import type { PaymentRequest, Session } from './model';
import { threeDsText } from './three-ds-text';

/** The one-time code the simulator accepts. */
export const THREE_DS_CODE = '1234';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f3f4f6;color:#111827}
main{box-sizing:border-box;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002;padding:2rem;max-width:22rem;width:100%}
h1{font-size:1.25rem;margin:0 0 .5rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{font:inherit;padding:.5rem;border:1px solid #6b7280;border-radius:6px;width:8rem;letter-spacing:.2em}
.actions{display:flex;gap:.5rem;margin-top:1.25rem}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8}.hint{color:#4b5563;font-size:.875rem}
.error{color:#b91c1c;font-weight:600;margin:.5rem 0 0}input[aria-invalid=true]{border-color:#b91c1c}
body.modal{background:#fff;place-items:start center}body.modal main{box-shadow:none}`;

// Static, so its CSP hash is fixed; the data it posts comes from the JSON block beside it.
const NOTIFY = `var d=JSON.parse(document.getElementById('result').textContent);parent.postMessage(d.message,d.origin);`;

/** CSP source expressions for the simulator's inline style and notify script. */
export const STYLE_HASH = cspHash(STYLE);
export const NOTIFY_HASH = cspHash(NOTIFY);

function page(lang: string, title: string, body: string, modal = false): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body${modal ? ' class="modal"' : ''}><main>${body}</main></body></html>`;
}

/** Where a challenge stands: how many wrong codes it has had, and how many fail it. */
export interface ChallengeState {
  wrongCodes: number;
  maxWrongCodes: number;
}

/**
 * The challenge: amount, merchant reference, the one-time code form, in the session's locale.
 * After a wrong code the field is marked invalid and an alert says how many tries are left.
 */
export function challengePage(
  pr: PaymentRequest,
  session: Session,
  modalOrigin: string | null,
  { wrongCodes, maxWrongCodes }: ChallengeState,
): string {
  const t = threeDsText(session.locale);
  const amount = new Intl.NumberFormat(t.intl, { style: 'currency', currency: pr.currency }).format(pr.amount);
  const modal = modalOrigin
    ? `<input type="hidden" name="mode" value="modal"><input type="hidden" name="origin" value="${escapeHtml(modalOrigin)}">`
    : '';
  const error = wrongCodes > 0 ? t.wrongCode(maxWrongCodes - wrongCodes) : null;
  const described = error ? 'code-error hint' : 'hint';
  // In a modal the page says it is showing: a page refused by frame-ancestors cannot, and the
  // SDK then falls back to a redirect.
  const readyMessage: ThreeDsReady = { type: MessageName.ThreeDsReady };
  const ready = modalOrigin ? notify(readyMessage, modalOrigin) : '';
  return page(
    session.locale,
    t.title,
    `<h1>${escapeHtml(t.heading)}</h1>
<p>${t.summary(escapeHtml(amount), escapeHtml(pr.reference_id), escapeHtml(session.card.last4))}</p>
<form method="post" action="/v1/3ds/${escapeHtml(pr.payment_request_id)}">${modal}
<label for="code">${escapeHtml(t.label)}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required aria-describedby="${described}"${error ? ' aria-invalid="true"' : ''} autofocus>
${error ? `<p id="code-error" class="error" role="alert">${escapeHtml(error)}</p>\n` : ''}<p id="hint" class="hint">${escapeHtml(t.hint(THREE_DS_CODE, maxWrongCodes))}</p>
<div class="actions"><button type="submit" name="action" value="authenticate">${escapeHtml(t.confirm)}</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>${escapeHtml(t.cancel)}</button></div>
</form>${ready}`,
    Boolean(modalOrigin),
  );
}

function notify(message: object, origin: string): string {
  const data = JSON.stringify({ message, origin }).replace(/</g, '\\u003c');
  return `<script id="result" type="application/json">${data}</script><script>${NOTIFY}</script>`;
}

/** Modal mode's last page: tells the merchant page (exact origin) how the challenge ended. */
export function modalResultPage(pr: PaymentRequest, origin: string, locale: Locale): string {
  const t = threeDsText(locale);
  const status = pr.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED';
  // The wire type the SDK checks it against: a change to either side fails the build.
  const message: ThreeDsResult = { type: MessageName.ThreeDsResult, payment_request_id: pr.payment_request_id, status };
  const heading = status === 'SUCCEEDED' ? t.confirmed : t.notConfirmed;
  return page(
    locale,
    heading,
    `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(t.returnToShop)}</p>${notify(message, origin)}`,
    true,
  );
}

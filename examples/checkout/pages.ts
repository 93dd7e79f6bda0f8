import type { Session } from './gateway-client';

/** Escapes text for HTML content and attributes. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('id-ID', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Kopi Nusantara</title>
<link rel="stylesheet" href="/styles.css">
${head}
</head>
<body>
<header class="shop-header"><a href="/" class="brand">Kopi Nusantara</a></header>
${body}
</body>
</html>`;
}

/** The checkout: order summary, the stored card, the hosted CVN field, the pay button. */
export function checkoutPage(
  session: Session,
  loader: { url: string; integrity: string },
  flow: { threeDs: 'modal' | 'redirect'; orderUrl: string },
): string {
  const total = money(session.amount, session.currency);
  return layout(
    'Checkout',
    `<main class="checkout" data-payment-session-id="${esc(session.payment_session_id)}" data-three-ds="${flow.threeDs}" data-order-url="${esc(flow.orderUrl)}">
<section class="summary" aria-labelledby="summary-title">
<h1 id="summary-title">Your order</h1>
<ul class="items"><li><span>Gayo Arabica, 250 g × 2</span><span>${esc(money(session.amount, session.currency))}</span></li></ul>
<p class="total"><span>Total</span><strong>${esc(total)}</strong></p>
<p class="reference">Order ${esc(session.reference_id)}</p>
</section>
<form class="payment" id="payment-form" novalidate aria-labelledby="payment-title">
<h2 id="payment-title">Pay with your saved card</h2>
<p class="stored-card"><span class="card-brand">${esc(session.card.brand.toUpperCase())}</span> •••• ${esc(session.card.last4)}</p>
<label class="field-label" for="cvn">Security code</label>
<div id="cvn" class="cvn-input"></div>
<button id="pay" type="submit" class="pay" disabled>Pay ${esc(total)}</button>
<p class="status" id="status" role="status"></p>
<p class="secure-note">The security code is typed into a secure field hosted by the payment gateway; this shop never sees it.</p>
</form>
</main>
<script src="${esc(loader.url)}" integrity="${esc(loader.integrity)}" crossorigin="anonymous"></script>
<script src="/checkout.js"></script>`,
  );
}

/** Where the shopper lands after 3-D Secure: the status comes from the gateway, not the URL. */
export function resultPage(session: Session): string {
  const paid = session.status === 'COMPLETED';
  return layout(
    paid ? 'Payment successful' : 'Payment not completed',
    `<main class="result ${paid ? 'ok' : 'failed'}">
<h1>${paid ? 'Payment successful' : 'Payment not completed'}</h1>
<p>Order ${esc(session.reference_id)}: ${esc(money(session.amount, session.currency))}.</p>
<p class="session-status">Session status: <strong id="session-status">${esc(session.status)}</strong></p>
${paid ? `<p>Payment request <code>${esc(session.payment_request_id ?? '')}</code>.</p>` : ''}
<p><a href="/">${paid ? 'Shop again' : 'Try again'}</a></p>
</main>`,
  );
}

/** A server-side error, with the gateway's code. */
export function errorPage(code: string, message: string): string {
  return layout(
    'Something went wrong',
    `<main class="result failed"><h1>Something went wrong</h1><p>${esc(message)}</p><p><code>${esc(code)}</code></p><p><a href="/">Back to the shop</a></p></main>`,
  );
}

import type { TestCard } from './gateway-client';
import { brandLabel, money, OUTCOME_TEXT, STATUS_TEXT } from './display';
import type { Order } from './orders';
import { STANDARD_DESIGN } from './shop';

/** Escapes text for HTML content and attributes. */
function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A whole page: `description` is its search-result summary (`<meta name="description">`);
 * `head`, more elements for its `<head>`.
 */
function layout(title: string, description: string, body: string, script?: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Kopi Nusantara</title>
<meta name="description" content="${esc(description)}">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<link rel="stylesheet" href="/styles.css">
${head}</head>
<body>
<header class="shop-header"><a href="/" class="brand">Kopi Nusantara</a><span class="secure-badge">Secure checkout</span></header>
${body}
${script ?? ''}
</body>
</html>`;
}

function brandBadge(brand: string): string {
  return `<span class="card-brand card-brand--${esc(brand)}">${esc(brandLabel(brand))}</span>`;
}

function summary(order: Order, headingLevel: 'h1' | 'h2'): string {
  const items = order.items
    .map(
      (i) =>
        `<li><span>${esc(i.name)} × ${esc(i.quantity)}</span><span>${esc(money(i.amount, order.currency))}</span></li>`,
    )
    .join('');
  return `<section class="summary" aria-labelledby="summary-title">
<${headingLevel} id="summary-title">Order summary</${headingLevel}>
<ul class="items">${items}</ul>
<p class="total"><span>Total</span><strong>${esc(money(order.amount, order.currency))}</strong></p>
<p class="reference">Order ${esc(order.reference)}</p>
</section>`;
}

/** The checkout's address for a card and a design (the default design left out). */
function checkoutHref(card: string, design: string | null): string {
  return `/?${new URLSearchParams({ card, ...(design !== null && { design }) })}`;
}

/** The sandbox's test cards as the shopper's saved cards: each link starts a checkout with one. */
function testCardPicker(cards: TestCard[], order: Order): string {
  const items = cards
    .map((c) => {
      const here = c.card_payment_token_id === order.card.id;
      return `<li><a class="test-card" href="${esc(checkoutHref(c.card_payment_token_id, order.design))}"${here ? ' aria-current="true"' : ''}>
${brandBadge(c.brand)}<span class="test-card-number">•••• ${esc(c.last4)}</span>
<span class="test-card-outcome">${esc(OUTCOME_TEXT[c.outcome])}</span><span class="test-card-text">${esc(c.description)}</span></a></li>`;
    })
    .join('');
  return `<nav class="test-cards" aria-labelledby="test-cards-title">
<h2 id="test-cards-title">Sandbox test cards</h2>
<p>Each saved card makes the sandbox gateway answer differently. The one-time code on the bank's page is <strong>1234</strong>.</p>
<ul>${items}</ul>
</nav>`;
}

/**
 * The field's designs: the gateway's default form, styled with the field's `style` option, and
 * each custom form the shop pushed to the gateway (examples/checkout/forms/).
 */
function designPicker(designs: string[], order: Order): string {
  const items = designs
    .map((d) => {
      const design = d === STANDARD_DESIGN ? null : d;
      const here = design === order.design;
      const text = design === null ? 'Standard field' : `${esc(d)} <span class="design-kind">custom form</span>`;
      return `<li><a class="design" href="${esc(checkoutHref(order.card.id, design))}"${here ? ' aria-current="true"' : ''}>${text}</a></li>`;
    })
    .join('');
  return `<nav class="designs" aria-labelledby="designs-title">
<h2 id="designs-title">Field design</h2>
<p>The standard field takes your page's colours and fonts; a custom form is your own HTML and CSS, stored at the gateway.</p>
<ul>${items}</ul>
</nav>`;
}

/** The checkout: payment form with the hosted CVN field, order summary, designs, the sandbox's test cards. */
export function checkoutPage(
  order: Order,
  loader: { url: string; integrity: string },
  cards: TestCard[],
  threeDs: 'modal' | 'redirect',
  designs: string[] = [STANDARD_DESIGN],
): string {
  const total = money(order.amount, order.currency);
  const digits =
    order.card.brand === 'amex' ? '4-digit code on the front of your card' : '3-digit code on the back of your card';
  return layout(
    'Checkout',
    `Pay ${total} for your Kopi Nusantara order with your saved card: the security code goes into a field hosted by our payment provider.`,
    `<main class="checkout" data-payment-session-id="${esc(order.payment_session_id)}" data-three-ds="${threeDs}" data-order-reference="${esc(order.reference)}" data-design="${esc(order.design ?? STANDARD_DESIGN)}">
<form class="payment" id="payment-form" novalidate aria-labelledby="payment-title">
<h1 id="payment-title">Checkout</h1>
<h2 class="payment-subtitle">Pay with your saved card</h2>
<p class="stored-card">${brandBadge(order.card.brand)}<span>•••• ${esc(order.card.last4)}</span></p>
<label class="field-label" for="cvn">Security code</label>
<p class="field-hint" id="cvn-hint">The ${esc(digits)}.</p>
<div id="cvn" class="cvn-input${order.design === null ? '' : ' cvn-input--custom'}"></div>
<button id="pay" type="submit" class="pay" disabled>Pay ${esc(total)}</button>
<p class="status" id="status" role="status"></p>
<p class="secure-note">Your security code is typed into a secure field hosted by our payment provider; Kopi Nusantara never sees it.</p>
</form>
${summary(order, 'h2')}
${designPicker(designs, order)}
${testCardPicker(cards, order)}
</main>
<script src="${esc(loader.url)}" integrity="${esc(loader.integrity)}" crossorigin="anonymous"></script>`,
    '<script src="/checkout.js"></script>',
    URL.canParse(loader.url) ? preconnect(new URL(loader.url).origin) : '',
  );
}

/**
 * Connections to the gateway opened while the page's head is parsed: one for the frame (a
 * navigation, with credentials) and one for the loader and its lazy files (CORS, for SRI), which
 * browsers keep apart.
 */
function preconnect(gatewayOrigin: string): string {
  const href = esc(gatewayOrigin);
  return `<link rel="preconnect" href="${href}">\n<link rel="preconnect" href="${href}" crossorigin>\n`;
}

/** One order and its history; `/order.js` keeps the status current as webhooks arrive. */
export function orderPage(order: Order, returned: string | null): string {
  const events = order.events
    .map(
      (e) =>
        `<li><time datetime="${esc(e.at)}">${esc(e.at.slice(11, 19))}</time> <span class="event-source">${esc(e.source)}</span> ${esc(e.detail)}</li>`,
    )
    .join('');
  const notice =
    returned === 'failed' && order.status !== 'PAID'
      ? '<p class="notice">Your bank did not confirm the payment.</p>'
      : '';
  return layout(
    `Order ${order.reference}`,
    `Order ${order.reference} at Kopi Nusantara: its payment status and history.`,
    `<main class="order" data-order-reference="${esc(order.reference)}">
<section class="order-status-panel" aria-labelledby="order-title">
<h1 id="order-title">Order ${esc(order.reference)}</h1>
${notice}
<p class="order-status-line">Status: <strong id="order-status" class="status-badge" data-status="${esc(order.status)}" data-status-text="${esc(JSON.stringify(STATUS_TEXT))}" role="status">${esc(STATUS_TEXT[order.status])}</strong></p>
<p class="order-card">${brandBadge(order.card.brand)} •••• ${esc(order.card.last4)}</p>
<h2>History</h2>
<ol id="order-events" class="timeline">${events}</ol>
<p class="order-actions"><a href="/?card=${esc(order.card.id)}">Start a new checkout</a></p>
</section>
${summary(order, 'h2')}
</main>`,
    '<script src="/order.js"></script>',
  );
}

/** A request the shop could not serve, with its code. */
export function errorPage(code: string, message: string): string {
  return layout(
    'Something went wrong',
    `Kopi Nusantara could not serve this page (${code}).`,
    `<main class="result failed"><h1>Something went wrong</h1><p>${esc(message)}</p><p><code>${esc(code)}</code></p><p><a href="/">Back to the shop</a></p></main>`,
  );
}

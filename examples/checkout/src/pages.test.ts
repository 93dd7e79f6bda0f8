import { describe, expect, it } from 'vitest';
import type { Order } from './orders';
import { checkoutPage, errorPage } from './pages';

describe('pages', () => {
  it('name the SVG favicon and carry a meta description', () => {
    const html = errorPage('NOT_FOUND', 'No page at /x');
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
    expect(html).toContain('<meta name="description" content="Kopi Nusantara could not serve this page (NOT_FOUND).">');
  });

  it('escape what goes into the description', () => {
    const html = errorPage('"><script>alert(1)</script>', 'x');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('content="Kopi Nusantara could not serve this page (&#34;&#62;&#60;script&#62;');
  });

  it('the checkout preconnects to the gateway in its head, for the frame and for the CORS loader', () => {
    const order: Order = {
      reference: 'r-1',
      payment_session_id: 'ps-1',
      status: 'AWAITING_PAYMENT',
      amount: 150000,
      currency: 'IDR',
      card: { id: 'cpt-1', brand: 'visa', last4: '1091' },
      items: [],
      payment_request_id: null,
      failure_code: null,
      events: [],
      design: null,
    };
    const loader = { url: 'https://gw.example:4400/assets/0.1.0/cards-session.min.js', integrity: 'sha384-x' };
    const html = checkoutPage(order, loader, [], 'modal');
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<link rel="preconnect" href="https://gw.example:4400">');
    expect(head).toContain('<link rel="preconnect" href="https://gw.example:4400" crossorigin>');
    // No loader URL (a test double): no preconnect, and no error.
    expect(checkoutPage(order, { url: '', integrity: '' }, [], 'modal')).not.toContain('preconnect');
    expect(errorPage('NOT_FOUND', 'x')).not.toContain('preconnect');
  });
});

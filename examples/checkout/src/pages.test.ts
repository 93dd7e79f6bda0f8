import { describe, expect, it } from 'vitest';
import { errorPage } from './pages';

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
});

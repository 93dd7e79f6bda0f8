import { afterEach, describe, expect, it } from 'vitest';
import { createChannel, createFrameElement, frameUrl, INITIAL_HEIGHT, resolveTarget } from './frame-element';

afterEach(() => {
  document.body.replaceChildren();
});

describe('resolveTarget', () => {
  it('finds an element by selector or takes it as is', () => {
    const div = document.createElement('div');
    div.id = 'cvn';
    document.body.append(div);
    expect(resolveTarget('#cvn')).toBe(div);
    expect(resolveTarget(div)).toBe(div);
  });

  it.each([
    ['a selector that matches nothing', '#missing', 'no element matches "#missing"'],
    ['an invalid selector', '##', 'is not a valid CSS selector'],
    ['null', null, 'expected a CSS selector or an HTMLElement'],
    ['an object', { id: 'cvn' }, 'expected a CSS selector or an HTMLElement'],
    ['the document', document, 'expected a CSS selector or an HTMLElement'],
  ])('refuses %s', (_, target, message) => {
    expect(() => resolveTarget(target)).toThrow(
      expect.objectContaining({ code: 'MOUNT_TARGET_NOT_FOUND', type: 'merchant' }),
    );
    expect(() => resolveTarget(target)).toThrow(message);
  });

  it('refuses a text node and an SVG element', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(svg);
    expect(() => resolveTarget(document.createTextNode('cvn'))).toThrow(
      expect.objectContaining({ code: 'MOUNT_TARGET_NOT_FOUND' }),
    );
    expect(() => resolveTarget('svg')).toThrow(expect.objectContaining({ code: 'MOUNT_TARGET_NOT_FOUND' }));
  });
});

describe('frameUrl', () => {
  const channel = 'a'.repeat(32);

  it('puts session and page origin in the query, everything else in the fragment', () => {
    const url = new URL(
      frameUrl('https://gw.example', 'ps_1', 'https://shop.example', channel, 'id', {
        placeholder: '123',
        ariaLabel: 'CVC',
        style: { base: { color: '#111' } },
        help: true,
        errorTooltip: false,
        fonts: [{ family: 'Inter', src: 'https://fonts.example/inter.woff2' }],
      }),
    );
    expect(url.origin).toBe('https://gw.example');
    expect(url.pathname).toBe('/v1/frames/cvn');
    // The gateway needs the fonts: it lists exactly their URLs in the frame's CSP.
    expect([...url.searchParams]).toEqual([
      ['session', 'ps_1'],
      ['origin', 'https://shop.example'],
      ['fonts', JSON.stringify([{ family: 'Inter', src: 'https://fonts.example/inter.woff2' }])],
    ]);
    const hash = Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
    expect(hash).toEqual({ channel, v: '1', locale: 'id', help: '1', options: expect.any(String) });
    // Only what the frame applies goes to the frame; errorTooltip is the page's business.
    expect(JSON.parse(hash.options ?? '')).toEqual({
      placeholder: '123',
      ariaLabel: 'CVC',
      style: { base: { color: '#111' } },
    });
    expect(url.search).not.toContain(channel);
    expect(url.search).not.toContain('placeholder');
  });

  it('leaves out what was not given', () => {
    const url = new URL(frameUrl('http://localhost:4400', 'ps_1', 'http://127.0.0.1:4300', channel, null, {}));
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ channel, v: '1' });
  });

  it('encodes what the merchant wrote', () => {
    const url = new URL(
      frameUrl('https://gw.example', 'ps_1', 'https://shop.example', channel, null, { placeholder: 'a&b=c#d' }),
    );
    expect(JSON.parse(new URLSearchParams(url.hash.slice(1)).get('options') ?? '')).toEqual({ placeholder: 'a&b=c#d' });
    expect(url.search).not.toContain('a%26b');
  });
});

describe('createFrameElement', () => {
  it('sandboxes the frame, sends no referrer, names it and delegates nothing', () => {
    const iframe = createFrameElement(document, 'https://gw.example/v1/frames/cvn?session=ps_1', 'en');
    expect(iframe.tagName).toBe('IFRAME');
    expect(iframe.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin');
    expect(iframe.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(iframe.getAttribute('title')).toBe('Secure input for the card security code');
    expect(iframe.hasAttribute('allow')).toBe(false);
    expect(iframe.hasAttribute('allowfullscreen')).toBe(false);
    expect(iframe.getAttribute('src')).toBe('https://gw.example/v1/frames/cvn?session=ps_1');
    expect(iframe.style.height).toBe(`${INITIAL_HEIGHT}px`);
  });

  it('localizes the title', () => {
    expect(createFrameElement(document, 'https://gw.example/', 'id').title).toBe(
      'Input aman untuk kode keamanan kartu',
    );
  });
});

describe('createChannel', () => {
  it('gives 32 hex characters, new on every call', () => {
    const channels = new Set(Array.from({ length: 50 }, createChannel));
    expect(channels.size).toBe(50);
    for (const channel of channels) expect(channel).toMatch(/^[0-9a-f]{32}$/);
  });
});

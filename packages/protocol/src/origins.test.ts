import { describe, expect, it } from 'vitest';
import { isLoopbackOrigin, isOrigin } from './origins';

describe('isOrigin', () => {
  it.each(['https://shop.example', 'http://127.0.0.1:4300', 'http://localhost:4400', 'https://[::1]:8443'])(
    'accepts %s',
    (origin) => {
      expect(isOrigin(origin)).toBe(true);
    },
  );

  it.each([
    ['the opaque origin', 'null'],
    ['a path', 'https://shop.example/checkout'],
    ['a trailing slash', 'https://shop.example/'],
    ['a query', 'https://shop.example?x=1'],
    ['a fragment', 'https://shop.example#x'],
    ['userinfo', 'https://user:pw@shop.example'],
    ['a bare user', 'https://user@shop.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['file:', 'file:///etc/passwd'],
    ['ws:', 'wss://shop.example'],
    ['a wildcard', '*'],
    ['an explicit default port', 'https://shop.example:443'],
    ['upper case', 'HTTPS://SHOP.EXAMPLE'],
    ['a relative URL', '/checkout'],
    ['the empty string', ''],
    ['a string over 2048 characters', `https://${'a'.repeat(2050)}.example`],
  ])('refuses %s', (_, value) => {
    expect(isOrigin(value)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['https://shop.example'], new URL('https://shop.example')])(
    'refuses the non-string %o',
    (value) => {
      expect(isOrigin(value)).toBe(false);
    },
  );
});

describe('isLoopbackOrigin', () => {
  it('knows localhost, 127.0.0.1 and [::1], nothing else', () => {
    expect(isLoopbackOrigin('http://localhost:4400')).toBe(true);
    expect(isLoopbackOrigin('http://127.0.0.1:4300')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:4300')).toBe(true);
    expect(isLoopbackOrigin('https://shop.example')).toBe(false);
    expect(isLoopbackOrigin('http://localhost.shop.example')).toBe(false);
  });
});

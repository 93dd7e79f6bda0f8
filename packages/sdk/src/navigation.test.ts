import { describe, expect, it } from 'vitest';
import { CardsSessionError } from './errors';
import { checkActionUrl } from './navigation';

const GATEWAY = 'http://localhost:4400';

describe('checkActionUrl', () => {
  it('accepts an absolute https: URL', () => {
    const url = checkActionUrl('https://acs.bank.example/3ds?pr=1', GATEWAY);
    expect(url).toBeInstanceOf(URL);
    expect(url.href).toBe('https://acs.bank.example/3ds?pr=1');
  });

  it("accepts plain http: on the gateway's own origin only", () => {
    expect(checkActionUrl('http://localhost:4400/v1/3ds/pr_1', GATEWAY).pathname).toBe('/v1/3ds/pr_1');
    expect(checkActionUrl('HTTP://LOCALHOST:4400/v1/3ds/pr_1', GATEWAY).origin).toBe(GATEWAY);
  });

  it.each([
    ['http: elsewhere', 'http://acs.bank.example/3ds'],
    ['http: on another port of the gateway host', 'http://localhost:4401/v1/3ds/pr_1'],
    ['http: on the gateway, when the gateway is https', 'http://gw.example/3ds'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in disguise', ' javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://gw.example/123'],
    ['a relative path', '/v1/3ds/pr_1'],
    ['a protocol-relative URL', '//acs.bank.example/3ds'],
    ['userinfo', 'https://user:pw@x'],
    ['a bare user', 'https://user@acs.bank.example/3ds'],
    ['a look-alike with the gateway as user', 'http://localhost:4400@evil.example/'],
    ['the empty string', ''],
    ['an unparsable URL', 'https://'],
  ])('refuses %s', (_, actionUrl) => {
    const gateway = actionUrl === 'http://gw.example/3ds' ? 'https://gw.example' : GATEWAY;
    expect(() => checkActionUrl(actionUrl, gateway)).toThrow(
      expect.objectContaining({ code: 'UNSAFE_ACTION_URL', type: 'gateway' }),
    );
  });

  it.each([undefined, null, 42, {}, new URL('https://acs.bank.example/')])('refuses the non-string %o', (actionUrl) => {
    expect(() => checkActionUrl(actionUrl, GATEWAY)).toThrow(CardsSessionError);
    expect(() => checkActionUrl(actionUrl, GATEWAY)).toThrow(expect.objectContaining({ code: 'UNSAFE_ACTION_URL' }));
  });
});

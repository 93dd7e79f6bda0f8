import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('uses the sandbox secrets against a gateway on this machine', () => {
    const config = readConfig({}, '/spa');
    expect(config).toMatchObject({ origin: 'http://127.0.0.1:4300', gatewayOrigin: 'http://localhost:4400' });
    expect(config.webhooks.callbackToken).toBe('sandbox_callback_token');
  });

  it('refuses to start against another gateway without each secret', () => {
    const remote = { CARDS_SESSION_GATEWAY: 'https://gateway.example' };
    expect(() => readConfig(remote, '/spa')).toThrow(
      'CARDS_SESSION_SECRET_KEY: required for the gateway at https://gateway.example',
    );
    const keyOnly = { ...remote, CARDS_SESSION_SECRET_KEY: 'sk_live' };
    expect(() => readConfig(keyOnly, '/spa')).toThrow('CARDS_SESSION_WEBHOOK_SECRET: required');
    const all = { ...keyOnly, CARDS_SESSION_WEBHOOK_SECRET: 'whsec_x', CARDS_SESSION_CALLBACK_TOKEN: 'cb' };
    expect(readConfig(all, '/spa').webhooks).toEqual({ secret: 'whsec_x', callbackToken: 'cb' });
  });

  it('pins the loader only with both its URL and a sha384 hash', () => {
    expect(readConfig({}, '/spa').loader).toBeNull();
    const pinned = { CARDS_SESSION_LOADER_URL: 'https://gw/a.js', CARDS_SESSION_LOADER_INTEGRITY: 'sha384-abc' };
    expect(readConfig(pinned, '/spa').loader).toEqual({ url: 'https://gw/a.js', integrity: 'sha384-abc' });
    expect(() => readConfig({ CARDS_SESSION_LOADER_URL: 'https://gw/a.js' }, '/spa')).toThrow('set both or neither');
  });

  it('refuses a port that is not one', () => {
    expect(() => readConfig({ CHECKOUT_PORT: 'http' }, '/spa')).toThrow(
      'CHECKOUT_PORT: expected a port number, received http',
    );
  });
});

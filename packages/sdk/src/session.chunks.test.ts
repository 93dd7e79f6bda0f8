import { describe, expect, it, vi } from 'vitest';
import { init } from './session';

// The npm build's 3-D Secure chunk, failing to load as a dynamic import does when the app's
// server or the network drops it.
vi.mock('./three-ds', () => {
  throw new Error('chunk request failed');
});

describe('the npm build: a chunk that cannot be loaded', () => {
  it('rejects authenticate() with NETWORK_ERROR, the import failure as its cause', async () => {
    const gateway = 'https://gw.example';
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const failed = session.authenticate(
      { payment_request_id: 'pr_1', action_url: `${gateway}/v1/3ds/pr_1`, message: 'm', result_token: 'h.p.s' },
      { mode: 'modal' },
    );
    await expect(failed).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      type: 'network',
      message: 'the 3-D Secure code could not be loaded',
    });
    await expect(failed.catch((e: Error) => e.cause)).resolves.toBeInstanceOf(Error);
    expect(document.querySelector('.cs-3ds')).toBeNull();
  });
});

// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => ({ postRobot: false }));

// Vitest's node environment transforms for SSR, which leaves `define` constants unreplaced;
// rollup replaces them in the published build.
vi.stubGlobal('__VERSION__', '0.0.0-test');

vi.mock('post-robot', () => {
  loaded.postRobot = true;
  return {};
});

describe('importing cards-session', () => {
  it('touches no browser global and does not load post-robot, so it is safe during SSR', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const sdk = await import('./index');
    expect(typeof sdk.init).toBe('function');
    expect(typeof sdk.CardsSession).toBe('function');
    expect(sdk.ErrorCode.INVALID_OPTIONS).toBe('INVALID_OPTIONS');
    expect(sdk.version).toBe('0.0.0-test');
    expect(loaded.postRobot).toBe(false);
  });

  it('lets a session be created on the server, and loads post-robot only to mount', async () => {
    const { init } = await import('./index');
    const field = init({ paymentSessionId: 'ps_1' }).createField('cvn');
    expect(field.state).toBeNull();
    expect(loaded.postRobot).toBe(false);
  });
});

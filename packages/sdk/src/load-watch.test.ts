import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SILENCE_GRACE, watchLoad } from './load-watch';
import type { CardsSessionError } from './errors';

const GATEWAY = 'https://gw.example';
const SRC = `${GATEWAY}/v1/frames/cvn?session=ps_1&origin=x#channel=abc`;

// The browser's view of the frame document's request, as Resource Timing gives it to the page.
const observers: ((entries: Partial<PerformanceResourceTiming>[]) => void)[] = [];
class FakeObserver {
  constructor(private readonly callback: (list: { getEntriesByType(type: string): unknown[] }) => void) {}
  observe() {
    observers.push((entries) => this.callback({ getEntriesByType: () => entries }));
  }
  disconnect() {
    observers.length = 0;
  }
}
const timing = (entry: Partial<PerformanceResourceTiming>) => {
  for (const notify of [...observers]) notify([{ name: SRC, responseStart: 0, transferSize: 0, ...entry }]);
};

function setup(options: { loaded?: boolean; readyTimeout?: number } = {}) {
  const iframe = document.createElement('iframe');
  iframe.src = SRC;
  const fail = vi.fn<(error: CardsSessionError) => void>();
  const stop = watchLoad({
    iframe,
    gatewayOrigin: GATEWAY,
    readyTimeout: options.readyTimeout ?? 15_000,
    loaded: options.loaded ?? false,
    fail,
  });
  const codes = () => fail.mock.calls.map(([error]) => error.code);
  return { iframe, fail, stop, codes, load: () => iframe.dispatchEvent(new Event('load')) };
}

function violation(blockedURI: string, effectiveDirective = 'frame-src') {
  const event = new Event('securitypolicyviolation');
  Object.assign(event, { blockedURI, effectiveDirective });
  document.dispatchEvent(event);
}

let online = true;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  online = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  observers.length = 0;
});

describe('watchLoad', () => {
  it("fails FRAME_BLOCKED at once when the page's CSP refuses the gateway's frame", () => {
    const { codes, fail } = setup();
    violation('https://evil.example');
    violation(GATEWAY, 'img-src');
    violation('https://gw.example.evil');
    expect(fail).not.toHaveBeenCalled();
    violation(GATEWAY);
    expect(codes()).toEqual(['FRAME_BLOCKED']);
    expect(fail.mock.calls[0]?.[0].message).toContain(`allow ${GATEWAY} in frame-src`);
  });

  it('fails FRAME_UNREACHABLE at once, saying so, when the device is offline', async () => {
    online = false;
    const { fail } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(fail).toHaveBeenCalledOnce();
    expect(fail.mock.calls[0]?.[0]).toMatchObject({ code: 'FRAME_UNREACHABLE', type: 'network' });
    expect(fail.mock.calls[0]?.[0].message).toContain('offline');
  });

  it('fails FRAME_UNREACHABLE a grace after the document request ended without a response', async () => {
    const { codes } = setup();
    timing({ responseStart: 0, transferSize: 0 });
    await vi.advanceTimersByTimeAsync(SILENCE_GRACE - 1);
    expect(codes()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(codes()).toEqual(['FRAME_UNREACHABLE']);
  });

  it('fails FRAME_NOT_RESPONDING when the document came and loaded but nothing spoke', async () => {
    const { codes, load } = setup();
    timing({ responseStart: 120, transferSize: 1800 });
    await vi.advanceTimersByTimeAsync(SILENCE_GRACE * 2);
    expect(codes()).toEqual([]);
    load();
    await vi.advanceTimersByTimeAsync(SILENCE_GRACE);
    expect(codes()).toEqual(['FRAME_NOT_RESPONDING']);
  });

  it('takes a load before the timing entry, in either order', async () => {
    const { codes, load } = setup();
    load();
    timing({ responseStart: 5 });
    await vi.advanceTimersByTimeAsync(SILENCE_GRACE);
    expect(codes()).toEqual(['FRAME_NOT_RESPONDING']);
  });

  it('ignores entries of other documents and a load with no entry yet (about:blank)', async () => {
    const { codes, load } = setup({ readyTimeout: 10_000 });
    for (const notify of observers) notify([{ name: `${GATEWAY}/other`, responseStart: 0, transferSize: 0 }]);
    load();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(codes()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(codes()).toEqual(['FRAME_LOAD_TIMEOUT']);
  });

  it('names no allowed_origins in its timeout: the browser gave no reason', async () => {
    const { fail } = setup({ readyTimeout: 100 });
    await vi.advanceTimersByTimeAsync(100);
    expect(fail.mock.calls[0]?.[0].message).toBe(
      `The payment field did not load within 100 ms: the network is slow or ${GATEWAY} is not answering`,
    );
  });

  it('starts the grace at once for a frame that already loaded (re-bound after a move)', async () => {
    const { codes } = setup({ loaded: true });
    await vi.advanceTimersByTimeAsync(SILENCE_GRACE);
    expect(codes()).toEqual(['FRAME_NOT_RESPONDING']);
  });

  it('says nothing once stopped', async () => {
    const { fail, stop, load } = setup({ readyTimeout: 100 });
    timing({ responseStart: 0 });
    stop();
    load();
    violation(GATEWAY);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fail).not.toHaveBeenCalled();
    expect(observers).toEqual([]);
  });
});

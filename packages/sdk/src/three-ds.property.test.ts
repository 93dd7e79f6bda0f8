import { MessageName } from '@cards-session/protocol';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { serveBlankFrames } from './messaging.fake';
import { showChallenge } from './three-ds';

// Invariants 2 and 4 for the one plain `postMessage` listener: while a modal challenge shows,
// nothing but a well-formed result from the challenge's own window at the gateway's exact origin
// may close it, and nothing at all may navigate the page or write into it.
serveBlankFrames();

const GATEWAY = 'https://gw.example';
const ID = 'pr_1';
const RESULT = { type: MessageName.ThreeDsResult, payment_request_id: ID, status: 'SUCCEEDED' };
const FAILED = { ...RESULT, status: 'FAILED' };
const HOSTILE_ORIGINS = [
  ...['https://gw.example.evil', 'https://gw.example:444', 'http://gw.example', 'https://GW.example', 'null', ''],
  ...['https://gw.example/', 'https://gw.example:443', '*', 'https://acs.bank.example', 'https://xgw.example'],
];

const other = document.body.appendChild(document.createElement('iframe'));
let challenge: Window | null = null;
const SOURCES: Record<string, () => unknown> = {
  challenge: () => challenge,
  page: () => window,
  other: () => other.contentWindow,
  null: () => null,
  object: () => ({}),
  element: () => document.querySelector('.cs-3ds iframe'),
  lookalike: () => ({ self: challenge, window: challenge, postMessage: () => undefined }),
};
const origin = fc.oneof(
  fc.constant(GATEWAY),
  fc.constantFrom(...HOSTILE_ORIGINS),
  fc.string().map((s) => GATEWAY + s),
  fc.string(),
);
const source = fc.oneof(fc.constant('challenge'), fc.constantFrom(...Object.keys(SOURCES)));
const notId = fc.string().filter((s) => s !== ID);
const data = fc.oneof(
  fc.constantFrom<unknown>(RESULT, FAILED, { type: MessageName.ThreeDsReady }),
  notId.map((id) => ({ ...RESULT, payment_request_id: id })),
  fc
    .string()
    .filter((s) => s !== 'SUCCEEDED' && s !== 'FAILED')
    .map((status) => ({ ...RESULT, status })),
  fc.constantFrom<unknown>(
    { ...RESULT, html: '<img src=x onerror=alert(1)>' },
    { ...RESULT, action_url: 'javascript:alert(1)' },
    JSON.parse(`{"__proto__":{"x":1},"type":"${RESULT.type}","payment_request_id":"${ID}","status":"SUCCEEDED"}`),
    { ...RESULT, padding: 'x'.repeat(20_000) },
    Object.defineProperty({ type: RESULT.type, payment_request_id: ID }, 'status', { get: () => 'SUCCEEDED' }),
    { type: 'navigate', url: 'https://evil.example' },
    { type: MessageName.ThreeDsReady, html: '<script>alert(1)</script>' },
    JSON.stringify(RESULT),
    [RESULT],
    Object.assign(Object.create(null) as object, RESULT),
  ),
  fc.anything({ maxDepth: 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const event = fc.record({ origin, source, data });
type Sample = { origin: string; source: string; data: unknown };
const closes = (e: Sample) =>
  e.origin === GATEWAY && e.source === 'challenge' && (e.data === RESULT || e.data === FAILED);
const post = (e: Sample) =>
  window.dispatchEvent(
    new MessageEvent('message', {
      origin: e.origin,
      source: (SOURCES[e.source] as () => unknown)() as Window,
      data: e.data,
    }),
  );

describe('showChallenge', () => {
  it('stays open, navigates nowhere and writes nothing under 100,000 hostile messages', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    const page = document.body.appendChild(document.createElement('main'));
    page.textContent = 'Checkout';
    let settled = false;
    const done = showChallenge(new URL(`${GATEWAY}/v1/3ds/${ID}`), GATEWAY, 'en', ID).finally(() => {
      settled = true;
    });
    const overlay = document.querySelector('.cs-3ds') as HTMLElement;
    challenge = overlay.querySelector('iframe')?.contentWindow ?? null;
    expect(challenge).not.toBeNull();
    // The challenge says it is showing, so the fallback timer cannot close it mid-test.
    post({ origin: GATEWAY, source: 'challenge', data: { type: MessageName.ThreeDsReady } });
    const html = document.body.innerHTML;
    const children = document.body.childElementCount;

    const hostile = fc.property(
      event.filter((e) => !closes(e)),
      (e) => {
        post(e);
        return overlay.isConnected && document.body.childElementCount === children && page.inert;
      },
    );
    // The page's state carries from one run to the next: report the first failure as it was.
    fc.assert(hostile, { numRuns: 100_000, endOnFailure: true });

    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    expect(document.body.innerHTML).toBe(html);
    expect(assign).not.toHaveBeenCalled();

    post({ origin: GATEWAY, source: 'challenge', data: FAILED });
    await expect(done).resolves.toEqual({ payment_request_id: ID, status: 'FAILED' });
    expect(overlay.isConnected).toBe(false);
    expect(page.inert).toBe(false);
    expect(assign).not.toHaveBeenCalled();
    assign.mockRestore();
  }, 60_000);
});

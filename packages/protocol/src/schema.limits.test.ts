import { describe, expect, it, vi } from 'vitest';
import { MessageName } from './messages';
import { MAX_MESSAGE_DEPTH, MAX_MESSAGE_SIZE, fitsMessageLimits } from './limits';
import {
  isFieldState,
  parseFrameBound,
  parseFrameOptions,
  parseParentBound,
  parseReply,
  parseThreeDsMessage,
} from './schema';

const parseSubmitReply = (data: unknown) => parseReply(MessageName.Submit, data);
const channel = '0123456789abcdef0123456789abcdef';
const state = { empty: false, complete: true, valid: true, brand: 'visa' };

describe('message limits', () => {
  const all = (data: unknown) => [
    parseParentBound(MessageName.Focus, data),
    parseFrameBound(MessageName.Submit, data),
    parseSubmitReply(data),
    parseThreeDsMessage(data),
    parseFrameOptions(data),
  ];

  it('measures JSON text exactly, up to the cap and not one character more', () => {
    for (const value of [{ a: 'x'.repeat(MAX_MESSAGE_SIZE - 8) }, ['é"\n'.repeat(4000)], [1e21, -0, null, true]]) {
      expect(fitsMessageLimits(value)).toBe(JSON.stringify(value).length <= MAX_MESSAGE_SIZE);
    }
    expect(fitsMessageLimits('x'.repeat(MAX_MESSAGE_SIZE - 2))).toBe(true);
    expect(fitsMessageLimits('x'.repeat(MAX_MESSAGE_SIZE - 1))).toBe(false);
    expect(fitsMessageLimits({ a: 'x'.repeat(MAX_MESSAGE_SIZE - 8) })).toBe(true);
    expect(fitsMessageLimits({ a: 'x'.repeat(MAX_MESSAGE_SIZE - 7) })).toBe(false);
    expect(fitsMessageLimits({ a: undefined, b: 1 })).toBe(true);
  });

  it('refuses a reply the field checks alone would take, once its JSON exceeds the cap', () => {
    const result = (s: string) => ({ payment_request_id: s, action_url: s, message: s, result_token: s });
    const small = { ok: true, result: result('a'.repeat(2048)) };
    expect(parseSubmitReply(small)).toBe(small);
    // Each string is within the 2048-character field limit, but escaping doubles them.
    expect(parseSubmitReply({ ok: true, result: result('"'.repeat(2048)) })).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    let nested: unknown = 1;
    for (let i = 0; i < MAX_MESSAGE_DEPTH; i++) nested = [nested];
    expect(fitsMessageLimits(nested)).toBe(true);
    expect(fitsMessageLimits([nested])).toBe(false);
    expect(fitsMessageLimits({ a: nested })).toBe(false);
    expect(parseFrameOptions({ style: { base: { color: nested } } })).toBeNull();
  });

  it('refuses huge strings, arrays and keys without walking them', () => {
    const huge = 'x'.repeat(50_000_000);
    const started = Date.now();
    expect(all({ channel, text: huge })).toEqual([null, null, null, null, null]);
    expect(all({ [huge]: 1 })).toEqual([null, null, null, null, null]);
    expect(fitsMessageLimits(new Array(2 ** 32 - 1))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each([
    [
      'a getter that throws',
      {
        channel,
        get open(): boolean {
          throw new Error('boom');
        },
      },
    ],
    [
      'a getter that answers',
      {
        get channel() {
          return channel;
        },
      },
    ],
    [
      'an array item getter',
      Object.defineProperty([1], 0, {
        get: () => {
          throw new Error('boom');
        },
      }),
    ],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = { channel };
        o.self = o;
        return o;
      })(),
    ],
    ['a BigInt', { channel, n: 1n }],
    ['a BigInt alone', 1n],
    ['a symbol', { channel, s: Symbol('x') }],
    ['a function', { channel, f: () => channel }],
    ['a Date', { channel, at: new Date(0) }],
    ['a Map', new Map([['channel', channel]])],
    ['a typed array', { channel, bytes: new Uint8Array(8) }],
    ['undefined', undefined],
    [
      'a throwing proxy',
      new Proxy(
        { channel },
        {
          ownKeys: () => {
            throw new Error('boom');
          },
        },
      ),
    ],
  ])('refuses %s without throwing', (_, data) => {
    expect(() => all(data)).not.toThrow();
    expect(all(data)).toEqual([null, null, null, null, null]);
    expect(fitsMessageLimits(data)).toBe(false);
    expect(isFieldState(data)).toBe(false);
  });

  it('refuses hidden (non-enumerable) properties, which postMessage never carries', () => {
    const result = { type: MessageName.ThreeDsResult, payment_request_id: 'pr_1' };
    const status = vi.fn(() => 'SUCCEEDED');
    expect(parseThreeDsMessage(Object.defineProperty({ ...result }, 'status', { get: status }))).toBeNull();
    expect(parseThreeDsMessage(Object.defineProperty({ ...result }, 'status', { value: 'SUCCEEDED' }))).toBeNull();
    expect(status).not.toHaveBeenCalled();
    expect(parseThreeDsMessage({ ...result, status: 'SUCCEEDED' })).not.toBeNull();
  });

  it('does not count keys inherited from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.channel = channel;
    proto.error = { code: 'INVALID_CVN', message: 'x', cvn: '123' };
    try {
      expect(parseParentBound(MessageName.Focus, {})).toBeNull();
      expect(parseFrameBound(MessageName.Submit, {})).toBeNull();
      expect(isFieldState(state)).toBe(true);
    } finally {
      delete proto.channel;
      delete proto.error;
    }
  });

  it('refuses a proxy whose get trap throws, which the size count never calls', () => {
    const data = new Proxy(
      { channel },
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(() => all(data)).not.toThrow();
    expect(all(data)).toEqual([null, null, null, null, null]);
  });
});

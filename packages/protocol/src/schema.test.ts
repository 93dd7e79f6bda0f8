import { describe, expect, it } from 'vitest';
import { MessageName } from './messages';
import {
  FRAME_BOUND,
  PARENT_BOUND,
  REPLIES,
  THREE_DS,
  isFieldState,
  parseFrameBound,
  parseParentBound,
  parseReply,
  parseThreeDsMessage,
  type ParentBoundName,
} from './schema';

const parseSubmitReply = (data: unknown) => parseReply(MessageName.Submit, data);

const channel = '0123456789abcdef0123456789abcdef';
const state = { empty: false, complete: true, valid: true, brand: 'visa' };

const wellFormed: Record<ParentBoundName, Record<string, unknown>> = {
  [MessageName.Ready]: { channel, version: 1, brand: 'amex', locale: 'id', height: 44 },
  [MessageName.LoadError]: { channel, version: 1, code: 'ORIGIN_NOT_ALLOWED', message: 'not allowed' },
  [MessageName.Change]: { channel, state },
  [MessageName.Focus]: { channel },
  [MessageName.Blur]: { channel },
  [MessageName.Escape]: { channel },
  [MessageName.Resize]: { channel, height: 60 },
  [MessageName.Help]: { channel, open: true, text: 'The 3 digits on the back' },
};
const names = Object.keys(wellFormed) as ParentBoundName[];

const okReply = {
  ok: true,
  result: {
    payment_request_id: 'pr_1',
    action_url: 'https://gw.example/3ds/pr_1',
    message: 'Authenticate',
    result_token: 'a.b.c',
  },
};
const errorReply = { ok: false, error: { code: 'INVALID_CVN', message: 'wrong code' } };

class Payload {
  channel = channel;
}

describe('parseParentBound', () => {
  it.each(names)('returns a well-formed %s payload as is', (name) => {
    const payload = wellFormed[name];
    expect(parseParentBound(name, payload)).toBe(payload);
  });

  it('accepts a change carrying a field error', () => {
    const payload = {
      channel,
      state: { ...state, valid: false, error: { code: 'INCOMPLETE_CVN', message: 'incomplete' } },
    };
    expect(parseParentBound(MessageName.Change, payload)).toBe(payload);
  });

  it.each(names)('refuses %s with an extra key', (name) => {
    expect(parseParentBound(name, { ...wellFormed[name], extra: 1 })).toBeNull();
  });

  it.each(['cvn', 'value', 'digits'])('refuses a change with a %s key, at the top or inside state', (key) => {
    expect(parseParentBound(MessageName.Change, { channel, state, [key]: '123' })).toBeNull();
    expect(parseParentBound(MessageName.Change, { channel, state: { ...state, [key]: '123' } })).toBeNull();
    const error = { code: 'INVALID_CVN', message: 'x', [key]: '123' };
    expect(parseParentBound(MessageName.Change, { channel, state: { ...state, error } })).toBeNull();
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses an extra key named like an Object.prototype member: %s',
    (key) => {
      expect(parseParentBound(MessageName.Focus, { channel, [key]: '123' })).toBeNull();
      expect(parseParentBound(MessageName.Change, { channel, state: { ...state, [key]: '123' } })).toBeNull();
    },
  );

  it('refuses an own __proto__ key, as JSON.parse makes it', () => {
    const data: unknown = JSON.parse(`{"channel":"${channel}","__proto__":{"cvn":"123"}}`);
    expect(parseParentBound(MessageName.Focus, data)).toBeNull();
  });

  it('refuses missing keys and wrong types', () => {
    const ready = wellFormed[MessageName.Ready];
    expect(parseParentBound(MessageName.Focus, {})).toBeNull();
    expect(parseParentBound(MessageName.Ready, { ...ready, version: '1' })).toBeNull();
    expect(parseParentBound(MessageName.Ready, { ...ready, version: 1.5 })).toBeNull();
    expect(parseParentBound(MessageName.Ready, { ...ready, height: -1 })).toBeNull();
    expect(parseParentBound(MessageName.Ready, { ...ready, height: Number.NaN })).toBeNull();
    expect(parseParentBound(MessageName.Ready, { ...ready, brand: 'diners' })).toBeNull();
    expect(parseParentBound(MessageName.Ready, { ...ready, locale: 'fr' })).toBeNull();
    expect(parseParentBound(MessageName.Change, { channel, state: { ...state, empty: 'no' } })).toBeNull();
    expect(
      parseParentBound(MessageName.Change, {
        channel,
        state: { ...state, error: { code: 'NETWORK_ERROR', message: 'x' } },
      }),
    ).toBeNull();
    expect(parseParentBound(MessageName.Change, { channel, state: null })).toBeNull();
    expect(parseParentBound(MessageName.Resize, { channel, height: '60' })).toBeNull();
  });

  it.each([
    ['too short', '0123456789abcde'],
    ['too long', 'a'.repeat(65)],
    ['a dot', '0123456789abcdef.'],
    ['a space', '0123456789abcdef 0'],
    ['a slash', '0123456789abcdef/0'],
    ['not a string', 1234567890123456],
  ])('refuses a channel that is %s', (_, bad) => {
    expect(parseParentBound(MessageName.Focus, { channel: bad })).toBeNull();
  });

  it('accepts channels of 16 and 64 characters', () => {
    expect(parseParentBound(MessageName.Focus, { channel: 'A_-'.padEnd(16, 'x') })).not.toBeNull();
    expect(parseParentBound(MessageName.Focus, { channel: 'z'.repeat(64) })).not.toBeNull();
  });

  it.each(['cards-session:nope', 'cards-session:submit', '__proto__', 'toString', 'constructor', ''])(
    'refuses the unknown message name %j',
    (name) => {
      expect(parseParentBound(name as ParentBoundName, { channel })).toBeNull();
    },
  );

  it.each([
    ['an array', [channel]],
    ['an array with a channel key', Object.assign([], { channel })],
    ['a class instance', new Payload()],
    ['a null-prototype object', Object.assign(Object.create(null) as object, { channel })],
    ['null', null],
    ['undefined', undefined],
    ['a string', JSON.stringify({ channel })],
    ['a number', 1],
  ])('refuses %s', (_, data) => {
    expect(() => parseParentBound(MessageName.Focus, data)).not.toThrow();
    expect(parseParentBound(MessageName.Focus, data)).toBeNull();
  });

  it('refuses strings longer than 2048 characters', () => {
    const load = wellFormed[MessageName.LoadError];
    expect(parseParentBound(MessageName.LoadError, { ...load, message: 'x'.repeat(2048) })).not.toBeNull();
    expect(parseParentBound(MessageName.LoadError, { ...load, message: 'x'.repeat(2049) })).toBeNull();
    const error = { code: 'INVALID_CVN', message: 'x'.repeat(2049) };
    expect(parseParentBound(MessageName.Change, { channel, state: { ...state, error } })).toBeNull();
  });

  it('refuses unknown error codes', () => {
    const load = wellFormed[MessageName.LoadError];
    expect(parseParentBound(MessageName.LoadError, { ...load, code: 'SOMETHING_ELSE' })).toBeNull();
    expect(parseParentBound(MessageName.LoadError, { ...load, code: 'toString' })).toBeNull();
  });
});

describe('parseFrameBound', () => {
  it('returns a well-formed submit', () => {
    const payload = { channel };
    expect(parseFrameBound(MessageName.Submit, payload)).toBe(payload);
  });

  it('refuses extra keys, bad channels, unknown names and non-objects', () => {
    expect(parseFrameBound(MessageName.Submit, { channel, cvn: '123' })).toBeNull();
    expect(parseFrameBound(MessageName.Submit, { channel, constructor: 'x' })).toBeNull();
    expect(parseFrameBound(MessageName.Submit, { channel: 'short' })).toBeNull();
    expect(parseFrameBound(MessageName.Ready as never, { channel })).toBeNull();
    expect(parseFrameBound(MessageName.Submit, [channel])).toBeNull();
    expect(parseFrameBound(MessageName.Submit, null)).toBeNull();
    expect(parseFrameBound(MessageName.Submit, channel)).toBeNull();
  });
});

describe('parseSubmitReply', () => {
  it('returns well-formed ok and error replies', () => {
    expect(parseSubmitReply(okReply)).toBe(okReply);
    expect(parseSubmitReply(errorReply)).toBe(errorReply);
  });

  it('refuses mixed, incomplete and extended replies', () => {
    expect(parseSubmitReply({ ...okReply, error: errorReply.error })).toBeNull();
    expect(parseSubmitReply({ ok: true, error: errorReply.error })).toBeNull();
    expect(parseSubmitReply({ ok: false, result: okReply.result })).toBeNull();
    expect(parseSubmitReply({ ok: 'true', result: okReply.result })).toBeNull();
    expect(parseSubmitReply({ ...okReply, result: { ...okReply.result, cvn: '123' } })).toBeNull();
    const { result_token: _, ...noToken } = okReply.result;
    expect(parseSubmitReply({ ok: true, result: noToken })).toBeNull();
    expect(parseSubmitReply({ ...okReply, result: { ...okReply.result, action_url: 42 } })).toBeNull();
  });

  it('refuses unknown error codes, oversize strings and non-objects', () => {
    expect(parseSubmitReply({ ok: false, error: { code: 'NOPE', message: 'x' } })).toBeNull();
    expect(parseSubmitReply({ ok: false, error: { code: 'INVALID_CVN', message: 'x'.repeat(2049) } })).toBeNull();
    expect(
      parseSubmitReply({ ...okReply, result: { ...okReply.result, action_url: `https://x/${'a'.repeat(2048)}` } }),
    ).toBeNull();
    for (const data of [null, undefined, 'ok', [okReply], true]) expect(parseSubmitReply(data)).toBeNull();
  });
});

describe('isFieldState', () => {
  it('accepts a state and refuses one with a value', () => {
    expect(isFieldState(state)).toBe(true);
    expect(isFieldState({ ...state, value: '123' })).toBe(false);
  });
});

describe('the contract', () => {
  const tables = { PARENT_BOUND, FRAME_BOUND, THREE_DS };

  it.each(Object.values(MessageName))('has exactly one payload schema for %s', (name) => {
    const holders = Object.entries(tables).filter(([, table]) => Object.hasOwn(table, name));
    expect(holders).toHaveLength(1);
    expect(typeof (holders[0]?.[1] as Record<string, unknown>)[name]).toBe('function');
  });

  it('has no payload schema for a name that is not a MessageName', () => {
    const names = Object.values(tables).flatMap((table) => Object.keys(table));
    expect(names.sort()).toEqual(Object.values(MessageName).sort());
  });

  it('has one reply schema for each request, each a message for the frame', () => {
    expect(Object.keys(REPLIES).sort()).toEqual([MessageName.FocusInput, MessageName.Submit].sort());
    for (const [name, schema] of Object.entries(REPLIES)) {
      expect(Object.hasOwn(FRAME_BOUND, name)).toBe(true);
      expect(typeof schema).toBe('function');
    }
  });

  it('gives a command no reply: parseReply refuses every answer to it', () => {
    for (const name of [MessageName.Update, MessageName.BlurInput, MessageName.ClearInput, MessageName.Ready]) {
      for (const data of [undefined, null, {}, { focused: true }, okReply]) {
        expect(parseReply(name as never, data)).toBeNull();
      }
    }
  });

  it('takes a 3-D Secure message only under its own type', () => {
    const result = { type: MessageName.ThreeDsResult, payment_request_id: 'pr_1', status: 'FAILED' };
    expect(parseThreeDsMessage(result)).toBe(result);
    expect(parseThreeDsMessage({ type: MessageName.ThreeDsReady })).toEqual({ type: MessageName.ThreeDsReady });
    expect(parseThreeDsMessage({ ...result, type: MessageName.ThreeDsReady })).toBeNull();
    expect(parseThreeDsMessage({ type: MessageName.Ready })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { deserializeMessage, NON_JSON_MESSAGE, serializeMessage } from './post-robot/json.mjs';

const KEY = '__cards_session_post_robot_test__';
const request = (data) => ({
  [KEY]: [{ id: 'a', origin: 'https://page.test', type: 'postrobot_message_request', name: 'n', hash: 'h', data }],
});
const send = (data) => serializeMessage(null, 'https://frame.test', request(data));
const receive = (text) => deserializeMessage(null, 'https://page.test', text);
const refusal = (fn, where) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe(NON_JSON_MESSAGE);
    expect(error.message).toContain(where);
    return error;
  }
  throw new Error('expected a refusal');
};

describe('post-robot JSON-only serializer', () => {
  it('sends plain JSON data and gives it back unchanged', () => {
    const data = { channel: 'c', state: { empty: false, valid: true, n: 3.5, brand: null }, list: [1, 'a', [true]] };
    expect(receive(send(data))).toEqual(request(data));
  });

  it('leaves out an object key holding undefined, as JSON does (a handler that returned nothing)', () => {
    expect(receive(send({ a: undefined, b: 1 }))[KEY][0].data).toEqual({ b: 1 });
    expect(receive(send(undefined))[KEY][0]).not.toHaveProperty('data');
  });

  it.each([
    ['a function', { onDone: () => undefined }, 'data.onDone'],
    ['a function in an array', { list: [1, function named() {}] }, 'data.list[1]'],
    ['a promise', { reply: Promise.resolve(1) }, 'data.reply'],
    ['a symbol', { s: Symbol('x') }, 'data.s'],
    ['a bigint', { big: 10n }, 'data.big'],
    ['NaN', { n: Number.NaN }, 'data.n'],
    ['Infinity', { n: Number.POSITIVE_INFINITY }, 'data.n'],
    ['a Date', { at: new Date(0) }, 'data.at'],
    ['a Map', { m: new Map() }, 'data.m'],
    ['a RegExp', { domain: /x/ }, 'data.domain'],
    ['an Error outside a response', { e: new Error('x') }, 'data.e'],
    ['a class instance', { x: new (class Point {})() }, 'data.x'],
    ['an object without a prototype (as a cross-origin window looks)', { w: Object.create(null) }, 'data.w'],
    ['a toJSON method', { x: { toJSON: () => 'y' } }, 'data.x.toJSON'],
    ['undefined in an array', { list: [undefined] }, 'data.list[0]'],
  ])('refuses %s with NON_JSON_MESSAGE, naming where', (_what, data, where) => {
    refusal(() => send(data), where);
  });

  it('refuses a cycle', () => {
    const data = { a: {} };
    data.a.self = data;
    refusal(() => send(data), 'data.a.self');
  });

  it('sends a response\'s Error (post-robot\'s own "No handler found") as its message only', () => {
    const error = new Error('No handler found for post message: x');
    error.stack = 'secret stack';
    const text = serializeMessage(null, 'https://page.test', {
      [KEY]: [{ id: 'b', origin: 'o', type: 'postrobot_message_response', ack: 'error', name: 'x', hash: 'h', error }],
    });
    expect(text).not.toContain('secret stack');
    const back = receive(text)[KEY][0].error;
    expect(back).toBeInstanceOf(Error);
    expect(back.message).toBe('No handler found for post message: x');
  });

  it('refuses to read what is not a string of JSON', () => {
    refusal(() => receive({ [KEY]: [] }), 'message');
    expect(() => receive('{not json')).toThrow(SyntaxError);
  });

  it.each(['cross_domain_function', 'cross_domain_zalgo_promise', 'cross_domain_window', 'error', 'date'])(
    'refuses a message carrying a serialized %s of the full post-robot build',
    (type) => {
      const text = JSON.stringify(request({ channel: 'c', done: { __type__: type, __val__: { id: 'f', name: 'x' } } }));
      refusal(() => receive(text), `serialized ${type}`);
    },
  );
});

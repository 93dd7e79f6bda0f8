import { describe, expect, it } from 'vitest';
import { array, boolean, integer, nullable, object, oneOf, parse, pattern, string, union } from './combinators';
import { MAX_MESSAGE_DEPTH, MAX_MESSAGE_SIZE } from './limits';

const accepts = (schema: Parameters<typeof parse>[0], ...values: unknown[]) =>
  values.map((value) => parse(schema, value) !== null);

describe('scalar schemas', () => {
  it('string: strings up to the maximum length only', () => {
    expect(accepts(string(3), '', 'abc', 'abcd', 3, null, ['a'], { length: 1 })).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('pattern: strings matching it only', () => {
    const hex = pattern(/^[0-9a-f]{2,4}$/);
    expect(accepts(hex, 'ab', 'abcd', 'a', 'abcde', 'AB', 12, ['ab'])).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('integer: whole numbers from 0 below the end', () => {
    const below10 = integer(10);
    expect(accepts(below10, 0, 9, 10, -1, 0.5, Number.NaN, Infinity, '1', -0)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('boolean and oneOf compare exactly', () => {
    expect(accepts(boolean, true, false, 0, 'true', null)).toEqual([true, true, false, false, false]);
    const status = oneOf('A', 'B', 1, true);
    expect(accepts(status, 'A', 'B', 1, true, 'a', '1', 'A ', 'toString', false)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('composite schemas', () => {
  const point = object({ x: integer(100), y: integer(100) }, { label: string(8) });

  it('object: exactly the required keys, the optional ones where present, nothing else', () => {
    expect(parse(point, { x: 1, y: 2 })).toEqual({ x: 1, y: 2 });
    expect(parse(point, { x: 1, y: 2, label: 'a' })).toEqual({ x: 1, y: 2, label: 'a' });
    expect(parse(point, { x: 1, y: 2, label: undefined })).toEqual({ x: 1, y: 2 });
    for (const bad of [
      { x: 1 },
      { x: 1, y: 2, z: 3 },
      { x: 1, y: 2, label: 4 },
      { x: 1, y: 2, label: null },
      { x: 1, y: '2' },
      { x: 1, y: 2, constructor: 1 },
      JSON.parse('{"x":1,"y":2,"__proto__":{}}'),
      Object.assign(Object.create(null) as object, { x: 1, y: 2 }),
      [1, 2],
      null,
    ]) {
      expect(parse(point, bad)).toBeNull();
    }
  });

  it('object: a key inherited from a polluted Object.prototype does not count', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.y = 2;
    proto.label = 42;
    try {
      expect(parse(point, { x: 1 })).toBeNull();
      expect(parse(point, { x: 1, y: 2 })).toEqual({ x: 1, y: 2 });
    } finally {
      delete proto.y;
      delete proto.label;
    }
  });

  it('union: what any of its schemas accepts', () => {
    const either = union(object({ ok: oneOf(true) }), object({ ok: oneOf(false), why: string(10) }));
    expect(accepts(either, { ok: true }, { ok: false, why: 'x' }, { ok: false }, { ok: true, why: 'x' })).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('nullable: null or what its schema accepts, never undefined', () => {
    const maybe = object({ at: nullable(integer(10)) });
    expect(accepts(maybe, { at: null }, { at: 3 }, { at: 10 }, {}, { at: '3' })).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('array: up to the maximum number of items, each accepted, holes refused', () => {
    const list = array(string(2), 3);
    expect(
      accepts(list, [], ['a', 'bb', 'c'], ['a', 'b', 'c', 'd'], ['abc'], [1], 'ab', { 0: 'a', length: 1 }),
    ).toEqual([true, true, false, false, false, false, false]);
    // eslint-disable-next-line no-sparse-arrays
    expect(parse(list, ['a', , 'b'])).toBeNull();
    expect(parse(array(nullable(string(2)), 3), [null, 'a'])).toEqual([null, 'a']);
  });
});

describe('parse', () => {
  const anything = (_: unknown): _ is unknown => true;

  it('returns the value itself, not a copy', () => {
    const value = { x: 1, y: 2 };
    expect(parse(object({ x: integer(9), y: integer(9) }), value)).toBe(value);
  });

  it('refuses what breaks the message limits before the schema sees it', () => {
    let nested: unknown = 1;
    for (let i = 0; i <= MAX_MESSAGE_DEPTH; i++) nested = [nested];
    expect(parse(anything, nested)).toBeNull();
    expect(parse(anything, 'x'.repeat(MAX_MESSAGE_SIZE))).toBeNull();
    expect(parse(anything, undefined)).toBeNull();
    expect(
      parse(anything, {
        get x() {
          return 1;
        },
      }),
    ).toBeNull();
  });

  it('never throws, even when the schema does', () => {
    const throws = (_: unknown): _ is unknown => {
      throw new Error('boom');
    };
    expect(parse(throws, { a: 1 })).toBeNull();
  });
});

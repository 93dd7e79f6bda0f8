import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CreateSession } from './schemas';
import {
  array,
  describe as describeValue,
  freeform,
  named,
  nullable,
  number,
  object,
  oneOf,
  optional,
  problemsOf,
  refine,
  string,
  type Infer,
  type Schema,
} from './schema';

const ajv = new Ajv2020({ strict: false });

/** Both halves of a schema agree on `value`: the check and its JSON Schema, judged by Ajv. */
function agree(schema: Schema<unknown>, value: unknown): boolean {
  const checked = problemsOf(schema, value).length === 0;
  expect(ajv.validate(schema.json, value)).toBe(checked);
  return checked;
}

describe('schema toolkit', () => {
  const person = object({
    name: string({ min: 1, max: 5, expected: 'a short name' }),
    age: optional(number({ min: 0, integer: true })),
    kind: oneOf(['A', 'B']),
    tags: optional(array(string({ expected: 'a tag' }), { max: 2, expected: 'at most 2 tags' })),
    note: nullable(string({ expected: 'a note' })),
  });

  it('lists every problem, each as "expected X, received Y", with its path', () => {
    expect(problemsOf(person, { name: '', age: 1.5, kind: 'C', tags: ['a', 1], extra: true })).toEqual([
      { path: 'extra', message: 'expected no such field, received boolean true' },
      { path: 'name', message: 'expected a short name, received ""' },
      { path: 'age', message: 'expected an integer ≥ 0, received number 1.5' },
      { path: 'kind', message: 'expected one of "A", "B", received "C"' },
      { path: 'tags[1]', message: 'expected a tag, received number 1' },
      { path: 'note', message: 'expected a note, received nothing' },
    ]);
    expect(problemsOf(person, [])).toEqual([{ path: '(body)', message: 'expected an object, received an array' }]);
  });

  it('infers the type: optional fields optional, nullable ones nullable', () => {
    const value: Infer<typeof person> = { name: 'Ann', kind: 'A', note: null };
    expect(problemsOf(person, value)).toEqual([]);
  });

  it('refuses control characters in every string, and says so without echoing them', () => {
    const s = string({ expected: 'text' });
    for (const bad of ['a\r\nb', '\u0000', 'tab\there', '\u007f'])
      expect(problemsOf(s, bad)).toEqual([
        { path: '(body)', message: 'expected text, received a string with control characters' },
      ]);
    expect(describeValue('x'.repeat(41))).toBe('a long string');
  });

  it('bounds free-form JSON: depth, fields, name and string lengths', () => {
    const meta = freeform({ depth: 2, keys: 3, keyLength: 4, stringLength: 5 });
    expect(agree(meta, { a: { b: 1 } })).toBe(true);
    expect(agree(meta, { a: [1, 'abcde', null] })).toBe(true);
    expect(agree(meta, { a: { b: { c: 1 } } })).toBe(false);
    expect(agree(meta, { a: [[1]] })).toBe(false);
    expect(agree(meta, { a: 1, b: 2, c: 3, d: 4 })).toBe(false);
    expect(agree(meta, { abcde: 1 })).toBe(false);
    expect(agree(meta, { a: 'abcdef' })).toBe(false);
    expect(agree(meta, { a: 'a\nb' })).toBe(false);
    expect(agree(meta, [])).toBe(false);
    // Thousands of levels are refused at the first level too deep, as one problem.
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    expect(problemsOf(meta, deep)).toHaveLength(1);
  });

  it('keeps the check and the JSON Schema in step on the session body', () => {
    const body = {
      reference_id: 'r',
      session_type: 'PAY',
      amount: 1,
      currency: 'IDR',
      country: 'ID',
      cards_session_js: {
        card_payment_token_id: 'cpt-visa-challenge',
        success_return_url: 'https://shop.example/ok',
        failure_return_url: 'http://localhost:3000/no',
      },
    };
    const schema = CreateSession.definition;
    expect(agree(schema, body)).toBe(true);
    const js = (patch: object) => ({ ...body, cards_session_js: { ...body.cards_session_js, ...patch } });
    for (const bad of [
      { ...body, amount: 0 },
      { ...body, session_type: 'SAVE', amount: -1 },
      { ...body, mode: 'PAYMENT_LINK' },
      { ...body, allowed_origins: ['https://*'] },
      { ...body, allowed_origins: ['https://shop.example/'] },
      { ...body, allowed_origins: ['HTTPS://SHOP.EXAMPLE'] },
      { ...body, allowed_origins: ['https://shop.example:443'] },
      { ...body, allowed_origins: ['http://shop.example:80'] },
      { ...body, allowed_origins: ['https://shop.example:0443'] },
      js({ success_return_url: 'https://shop.example/a b' }),
      js({ success_return_url: 'http://shop.example/' }),
      js({ success_return_url: 'http://localhost.evil.example/' }),
      js({ failure_return_url: 'javascript:alert(1)' }),
    ])
      expect(agree(schema, bad)).toBe(false);
    for (const good of [
      { ...body, session_type: 'SAVE', amount: 0 },
      { ...body, allowed_origins: ['https://shop.example:8443', 'http://[::1]:3000', 'http://shop.example:443'] },
      js({ success_return_url: 'http://127.0.0.1/ok?x=1#y' }),
    ])
      expect(agree(schema, good)).toBe(true);
  });

  it('adds a cross-field rule without hiding the fields’ own problems', () => {
    const range = refine(object({ from: number(), to: number() }), {
      json: {},
      check: (v, _path, problems) => {
        if (typeof v.from === 'number' && typeof v.to === 'number' && v.from > v.to)
          problems.push({ path: 'to', message: 'expected ≥ from' });
      },
    });
    expect(problemsOf(range, { from: 2, to: 1 })).toEqual([{ path: 'to', message: 'expected ≥ from' }]);
    expect(problemsOf(range, { from: 'x', to: 1 }).map((p) => p.path)).toEqual(['from']);
  });

  it('refers to a named schema, and checks with its definition', () => {
    const tag = named('Tag', string({ max: 3, expected: 'a tag' }));
    expect(tag.json).toEqual({ $ref: '#/components/schemas/Tag' });
    expect(problemsOf(tag, 'long')).toHaveLength(1);
  });
});

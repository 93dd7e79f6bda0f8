import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_BRANDS } from './cvn';
import { ErrorCode } from './errors';
import { LOCALES } from './locales';
import { MessageName } from './messages';
import { MAX_MESSAGE_SIZE, fitsMessageLimits } from './limits';
import {
  type FrameBoundName,
  type ParentBoundName,
  isFieldState,
  parseFrameBound,
  parseFrameOptions,
  parseParentBound,
  parseReply,
  parseThreeDsMessage,
} from './schema';
import { STYLE_PROPERTIES, STYLE_VARIANTS } from './styles';

// The schema written out again, independently of schema.ts: each node says how to make a valid
// value and a value that is invalid in its place. Mutating one node of a well-formed message
// must make every parser refuse it.
type Spec =
  | { req: Record<string, Spec>; opt: Record<string, Spec>; each?: Spec }
  | { ok: fc.Arbitrary<unknown>; bad: fc.Arbitrary<unknown> };

const parseSubmitReply = (data: unknown) => parseReply(MessageName.Submit, data);
const RUNS = { numRuns: 100_000 };
// Cheaper than fc.anything(), which only the unrelated samples below use.
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
const defined = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string(), scalar));
const notA = (type: string) => defined.filter((v) => typeof v !== type);
const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 40 }).map((n) => 'x'.repeat(n));
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
// The longest strings allowed; in a submit reply, four of them escape past MAX_MESSAGE_SIZE.
const text = (max: number): Spec => ({
  ok: fc.oneof(anyText, fc.constantFrom('y'.repeat(max), '"'.repeat(max))),
  bad: fc.oneof(notA('string'), tooLong(max)),
});
const oneOf = (values: readonly unknown[]): Spec => ({
  ok: fc.constantFrom(...values),
  bad: fc.oneof(
    defined.filter((v) => !values.includes(v)),
    fc.constantFrom('toString', '__proto__', 'constructor', ''),
    fc.constantFrom(...values).map((v) => `${String(v)} `),
  ),
});
const bool: Spec = { ok: fc.boolean(), bad: notA('boolean') };
const int: Spec = {
  ok: fc.nat({ max: 999_999 }),
  bad: fc.oneof(notA('number'), fc.constantFrom(-1, 0.5, 1e6, NaN, Infinity, -Infinity, 2 ** 53, 1n)),
};
const CHANNEL = /^[A-Za-z0-9_-]{16,64}$/;
const notChannel = fc.string({ maxLength: 70 }).filter((s) => !CHANNEL.test(s));
const channel: Spec = {
  ok: fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189_-'), minLength: 16, maxLength: 64 }),
  bad: fc.oneof(notA('string'), notChannel, tooLong(64)),
};
const fromKeys = (keys: readonly string[], each: Spec) => Object.fromEntries(keys.map((k) => [k, each]));
const obj = (req: Record<string, Spec>, opt: Record<string, Spec> = {}): Spec => ({ req, opt });
const dict = (keys: readonly string[], each: Spec): Spec => ({ req: {}, opt: fromKeys(keys, each), each });

const codes = Object.values(ErrorCode);
const long = text(2048);
const fieldError = obj({ code: oneOf(['INCOMPLETE_CVN', 'INVALID_CVN', 'TOO_MANY_ATTEMPTS']), message: long });
const fieldState = obj({ empty: bool, complete: bool, valid: bool, brand: oneOf(CARD_BRANDS) }, { error: fieldError });
const UNSAFE_CSS = ['url(x)', 'URL (x)', 'image-set(a)', 'expression(1)', '@import', 'javascript:x', 'a\\b', '<', ';'];
const cssValue: Spec = {
  ok: fc.string({ unit: fc.constantFrom(...'az09 #.%-'), maxLength: 20 }),
  bad: fc.oneof(notA('string'), tooLong(200), fc.constantFrom(...UNSAFE_CSS, '}', '/* x */')),
};
const style = dict(STYLE_VARIANTS, dict(STYLE_PROPERTIES, cssValue));
const options = obj({}, { style, placeholder: text(200), ariaLabel: text(200), disabled: bool });

const PARENT: Record<ParentBoundName, Spec> = {
  [MessageName.Ready]: obj({ channel, version: int, brand: oneOf(CARD_BRANDS), locale: oneOf(LOCALES), height: int }),
  [MessageName.LoadError]: obj({ channel, version: int, code: oneOf(codes), message: long }),
  [MessageName.Change]: obj({ channel, state: fieldState }),
  [MessageName.Focus]: obj({ channel }),
  [MessageName.Blur]: obj({ channel }),
  [MessageName.Escape]: obj({ channel }),
  [MessageName.Resize]: obj({ channel, height: int }),
  [MessageName.Help]: obj({ channel, open: bool, text: long }),
};
const FRAME: Record<FrameBoundName, Spec> = {
  [MessageName.Submit]: obj({ channel }),
  [MessageName.Update]: obj({ channel, options }),
  [MessageName.FocusInput]: obj({ channel }),
  [MessageName.BlurInput]: obj({ channel }),
  [MessageName.ClearInput]: obj({ channel }),
};
const result = obj({ payment_request_id: long, action_url: long, message: long, result_token: long });
const REPLY = [
  obj({ ok: oneOf([true]), result }),
  obj({ ok: oneOf([false]), error: obj({ code: oneOf(codes), message: long }) }),
];
const THREE_DS = [
  obj({ type: oneOf([MessageName.ThreeDsResult]), payment_request_id: long, status: oneOf(['SUCCEEDED', 'FAILED']) }),
  obj({ type: oneOf([MessageName.ThreeDsReady]) }),
];

const made = new WeakMap<Spec, fc.Arbitrary<unknown>>();
function valid(spec: Spec): fc.Arbitrary<unknown> {
  if ('ok' in spec) return spec.ok;
  let arb = made.get(spec);
  if (arb) return arb;
  const model = Object.fromEntries(Object.entries({ ...spec.req, ...spec.opt }).map(([k, s]) => [k, valid(s)]));
  arb = spec.each
    ? // a few of the keys, all with the same kind of value: much faster than a record of 14 options
      fc.dictionary(fc.constantFrom(...Object.keys(spec.opt)), valid(spec.each), { maxKeys: 3, noNullPrototype: true })
    : fc.record(model, { requiredKeys: Object.keys(spec.req), noNullPrototype: true });
  made.set(spec, arb);
  return arb;
}

const POLLUTING = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'cvn', 'then'];
type Obj = Record<string, unknown>;
type Change = (value: Obj) => unknown;
const define = (value: Obj, key: string, how: PropertyDescriptor) =>
  Object.defineProperty({ ...value }, key, { enumerable: true, configurable: true, ...how });
const set = (key: string, item: unknown) => (v: Obj) => define(v, key, { value: item, writable: true });
const getter = (key: string, throws: boolean) => (v: Obj) =>
  define(v, key, { get: () => (throws ? JSON.parse('') : v[key]) });
const without = (key: string) => (v: Obj) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== key));
const cycle = (v: Obj, key: string) => Object.assign(v, { [key]: v });
const nest = (value: unknown, n: number): unknown => (n ? nest([value], n - 1) : value);
const notObject = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.nat()));

const changes = new WeakMap<Spec, fc.Arbitrary<Change>>();
/** Changes that make a well-formed instance of `spec` invalid, each by one node. */
function mutation(spec: Spec): fc.Arbitrary<Change> {
  if ('ok' in spec) return spec.bad.map((bad) => () => bad);
  let arb = changes.get(spec);
  if (arb) return arb;
  const known = [...Object.keys(spec.req), ...Object.keys(spec.opt)];
  const ways: fc.Arbitrary<Change>[] = [
    // a key the schema does not know, with any value (even undefined)
    fc
      .tuple(fc.oneof(fc.constantFrom(...POLLUTING), fc.string()), fc.oneof(defined, fc.constant(undefined)))
      .filter(([key]) => !known.includes(key))
      .map(([key, item]) => set(key, item)),
    // not an object at all, or wrapped in arrays
    notObject.map((bad) => () => bad),
    fc.integer({ min: 1, max: 12 }).map((n) => (v: Obj) => nest(v, n)),
    // a cycle
    fc.constantFrom(...known, 'self').map((key) => (v: Obj) => cycle(set(key, null)(v), key)),
  ];
  if (known.length) ways.push(fc.tuple(fc.constantFrom(...known), fc.boolean()).map(([k, t]) => getter(k, t)));
  const required = Object.keys(spec.req);
  if (required.length) ways.push(fc.constantFrom(...required).map(without));
  for (const key of known) {
    // a present value changed one node deep down; an absent (optional) one added, invalid
    const child = spec.req[key] ?? (spec.opt[key] as Spec);
    const change = fc.tuple(mutation(child), 'ok' in child ? child.bad : notObject);
    ways.push(change.map((c) => (v: Obj) => set(key, key in v ? c[0](v[key] as Obj) : c[1])(v)));
  }
  arb = fc.oneof(...ways);
  changes.set(spec, arb);
  return arb;
}

type Sample = { kind: 'valid' | 'invalid' | 'random'; value: unknown };
const hostile = fc.oneof(
  fc.integer({ min: MAX_MESSAGE_SIZE - 16, max: MAX_MESSAGE_SIZE + 64 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 9, max: 200 }).map((n) => Array.from({ length: n }).reduce((v) => ({ v }), {})),
  fc.constant(JSON.parse('{"__proto__":{"channel":"0123456789abcdef"}}')),
  fc.constantFrom(1n, Symbol('s'), () => 1, new Date(0), new Map(), new Uint8Array(4)),
);
/** Well-formed and mutated instances of `specs`, and unrelated values. */
function samples(...specs: Spec[]): fc.Arbitrary<Sample> {
  return fc.oneof(
    fc.oneof(...specs.map(valid)).map((value) => ({ kind: 'valid' as const, value })),
    fc
      .oneof(...specs.map((s) => fc.tuple(valid(s), mutation(s))))
      .map(([value, change]) => ({ kind: 'invalid' as const, value: change(value as Obj) })),
    fc.oneof(fc.anything(), fc.jsonValue(), hostile).map((value) => ({ kind: 'random' as const, value })),
  );
}

/** The parser's answer is exactly what the sample's kind calls for. */
function holds(parsed: unknown, { kind, value }: Sample): boolean {
  if (kind === 'invalid') return parsed === null;
  if (kind === 'random' && parsed === null) return true;
  const fits = JSON.stringify(value).length <= MAX_MESSAGE_SIZE;
  if (kind === 'valid') return parsed === (fits ? value : null);
  // Anything else accepted must be plain data within the limits, returned as is.
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
  return parsed === value && fits && fitsMessageLimits(value);
}

const parents = Object.keys(PARENT) as ParentBoundName[];
const frames = Object.keys(FRAME) as FrameBoundName[];
type Parse = (value: unknown) => unknown;
const using = (arb: fc.Arbitrary<Sample>, parse: Parse) => arb.map((s) => [s, parse] as const);
const CASES: [string, fc.Arbitrary<readonly [Sample, Parse]>][] = [
  ['parseParentBound', fc.oneof(...parents.map((n) => using(samples(PARENT[n]), (v) => parseParentBound(n, v))))],
  ['parseFrameBound', fc.oneof(...frames.map((n) => using(samples(FRAME[n]), (v) => parseFrameBound(n, v))))],
  ['parseSubmitReply', using(samples(...REPLY), parseSubmitReply)],
  ['parseThreeDsMessage', using(samples(...THREE_DS), parseThreeDsMessage)],
  ['parseFrameOptions', using(samples(options), parseFrameOptions)],
  ['isFieldState', using(samples(fieldState), (v) => (isFieldState(v) ? v : null))],
];

describe('schema properties', () => {
  it.each(CASES)(
    '%s: 100,000 messages, never a throw, only well-formed ones accepted',
    (_, arb) => {
      const property = fc.property(arb, ([sample, parse]) => holds(parse(sample.value), sample));
      fc.assert(property, RUNS);
    },
    60_000,
  );
});

// A small schema toolkit: each schema is one value that checks input (every problem as
// "expected X, received Y"), carries its TypeScript type, and is its own JSON Schema (2020-12,
// as OpenAPI 3.1 uses). The contract's validation, types and OpenAPI document all come from it.

/** A JSON Schema fragment. */
export type JsonSchema = Record<string, unknown>;

/** One problem with an input: where (`customer.email`, `allowed_origins[0]`) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** A schema for values of type `T`. */
export interface Schema<T> {
  /** The JSON Schema of the values it accepts (a `$ref` for a named schema). */
  readonly json: JsonSchema;
  /** Pushes one problem per failed rule under `path`; pushes nothing for a good value. */
  check(value: unknown, path: string, problems: Problem[]): void;
  /** Never set: carries `T` for {@link Infer}. */
  readonly type?: T;
}

/** The TypeScript type of the values a schema accepts. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Control characters (C0 and DEL): refused in every string the contract stores. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f]/;

/** How a value is named in "received Y": its type, or a short rendering of it. Never a long string. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    if (CONTROL.test(value)) return 'a string with control characters';
    return value.length > 40 ? 'a long string' : JSON.stringify(value);
  }
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Checks `value` against `schema`; answers the problems, none for a good value. */
export function problemsOf(schema: Schema<unknown>, value: unknown, path = ''): Problem[] {
  const problems: Problem[] = [];
  schema.check(value, path, problems);
  return problems;
}

/**
 * A schema from its two halves: the JSON Schema that documents it, and the check that enforces
 * it. For the rare rule the builders below cannot say; keep the two in step.
 */
export function custom<T>(json: JsonSchema, check: Schema<T>['check']): Schema<T> {
  return { json, check };
}
const make = custom;

/** The problem "expected X, received Y" at `path` (`(body)` for the whole input). */
export function problem(path: string, expected: string, value: unknown): Problem {
  return { path: path || '(body)', message: `expected ${expected}, received ${describe(value)}` };
}

const push = (problems: Problem[], path: string, expected: string, value: unknown) =>
  problems.push(problem(path, expected, value));

/** Options of {@link string}. */
export interface StringRules {
  min?: number;
  max?: number;
  /** A rule the whole string must match, with its JSON Schema twin (ECMA-262 syntax). */
  pattern?: RegExp;
  /** A rule beyond the pattern (a URL parser, a table lookup); the pattern stays the documented form. */
  test?: (value: string) => boolean;
  /** What a good value is, for "expected X": e.g. `an ISO 4217 code such as "IDR"`. */
  expected: string;
  format?: string;
  description?: string;
}

/** A string; control characters are always refused. */
export function string(rules: StringRules): Schema<string> {
  const { min = 0, max, pattern, test, expected, format, description } = rules;
  const json: JsonSchema = {
    type: 'string',
    ...(min ? { minLength: min } : {}),
    ...(max !== undefined ? { maxLength: max } : {}),
    pattern: pattern ? pattern.source : '^[^\\u0000-\\u001f\\u007f]*$',
    ...(format ? { format } : {}),
    ...(description ? { description } : {}),
  };
  return make(json, (value, path, problems) => {
    const ok =
      typeof value === 'string' &&
      value.length >= min &&
      (max === undefined || value.length <= max) &&
      !CONTROL.test(value) &&
      (!pattern || pattern.test(value)) &&
      (!test || test(value));
    if (!ok) push(problems, path, expected, value);
  });
}

/** One of a few string constants. */
export function oneOf<const V extends readonly string[]>(
  values: V,
  description?: string,
  expected = values.length === 1
    ? JSON.stringify(values[0])
    : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
): Schema<V[number]> {
  return make(
    { type: 'string', enum: [...values], ...(description ? { description } : {}) },
    (value, path, problems) => {
      if (typeof value !== 'string' || !values.includes(value)) push(problems, path, expected, value);
    },
  );
}

/** A finite number in `[min, max]`. */
export function number(
  rules: { min?: number; max?: number; integer?: boolean; description?: string } = {},
): Schema<number> {
  const { min, max, integer = false, description } = rules;
  const expected = [
    integer ? 'an integer' : 'a number',
    min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `≥ ${min}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const json: JsonSchema = {
    type: integer ? 'integer' : 'number',
    ...(min !== undefined ? { minimum: min } : {}),
    ...(max !== undefined ? { maximum: max } : {}),
    ...(description ? { description } : {}),
  };
  return make(json, (value, path, problems) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!integer || Number.isInteger(value)) &&
      (min === undefined || value >= min) &&
      (max === undefined || value <= max);
    if (!ok) push(problems, path, expected, value);
  });
}

/** `true` or `false`. */
export function boolean(): Schema<boolean> {
  return make({ type: 'boolean' }, (value, path, problems) => {
    if (typeof value !== 'boolean') push(problems, path, 'true or false', value);
  });
}

/** `schema`'s values, or `null`. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return make({ anyOf: [schema.json, { type: 'null' }] }, (value, path, problems) => {
    if (value !== null) schema.check(value, path, problems);
  });
}

/** An array of `item`, `min` to `max` long. */
export function array<T>(item: Schema<T>, rules: { min?: number; max?: number; expected: string }): Schema<T[]> {
  const { min = 0, max, expected } = rules;
  const json: JsonSchema = {
    type: 'array',
    items: item.json,
    ...(min ? { minItems: min } : {}),
    ...(max !== undefined ? { maxItems: max } : {}),
  };
  return make(json, (value, path, problems) => {
    if (!Array.isArray(value) || value.length < min || (max !== undefined && value.length > max)) {
      push(problems, path, expected, value);
      return;
    }
    value.forEach((entry, i) => item.check(entry, `${path}[${i}]`, problems));
  });
}

/** A field that may be left out. */
export interface Optional<T> {
  optional: true;
  schema: Schema<T>;
}

/** Marks an object field as one that may be left out. */
export function optional<T>(schema: Schema<T>): Optional<T> {
  return { optional: true, schema };
}

type Fields = Record<string, Schema<unknown> | Optional<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The TypeScript type of an object of `F`: optional fields `?`, the others required. */
export type ObjectOf<F extends Fields> = Simplify<
  { [K in keyof F as F[K] extends Optional<unknown> ? never : K]: F[K] extends Schema<infer T> ? T : never } & {
    [K in keyof F as F[K] extends Optional<unknown> ? K : never]?: F[K] extends Optional<infer T> ? T : never;
  }
>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object with exactly these fields: an unknown field is a problem ("expected no such field"),
 * and so is a missing one that is not {@link optional}.
 */
export function object<F extends Fields>(fields: F, description?: string): Schema<ObjectOf<F>> & { fields: F } {
  const entries = Object.entries(fields).map(
    ([key, field]) => [key, 'optional' in field ? field.schema : field, 'optional' in field] as const,
  );
  const json: JsonSchema = {
    type: 'object',
    ...(description ? { description } : {}),
    additionalProperties: false,
    required: entries.filter(([, , opt]) => !opt).map(([key]) => key),
    properties: Object.fromEntries(entries.map(([key, schema]) => [key, schema.json])),
  };
  const schema = make<ObjectOf<F>>(json, (value, path, problems) => {
    if (!isRecord(value)) return push(problems, path, 'an object', value);
    const at = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of Object.keys(value)) if (!(key in fields)) push(problems, at(key), 'no such field', value[key]);
    for (const [key, field, opt] of entries) {
      if (opt && value[key] === undefined) continue;
      field.check(value[key], at(key), problems);
    }
  });
  return { ...schema, fields };
}

/** A JSON value the merchant keeps with a resource (`metadata`, `customer`), held to these bounds. */
export interface FreeformRules {
  /** Nesting levels of objects and arrays inside the top object; 1 allows no nesting. */
  depth: number;
  /** Most fields per object, and items per array. */
  keys: number;
  /** Longest field name. */
  keyLength: number;
  /** Longest string value. */
  stringLength: number;
  description?: string;
}

/**
 * A JSON object of any shape within bounds: depth, fields per object, name and string lengths.
 * Deep or huge input is refused as one problem naming the bound, not one per leaf.
 */
export function freeform(rules: FreeformRules): Schema<Record<string, unknown>> {
  const { depth, keys, keyLength, stringLength, description } = rules;
  const scalar: JsonSchema[] = [
    { type: 'string', maxLength: stringLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
  ];
  // One JSON Schema level per allowed level of nesting, innermost first.
  let level: JsonSchema = { anyOf: scalar };
  const levelAt = (inner: JsonSchema): JsonSchema => ({
    anyOf: [
      ...scalar,
      {
        type: 'object',
        maxProperties: keys,
        propertyNames: { maxLength: keyLength },
        additionalProperties: inner,
      },
      { type: 'array', maxItems: keys, items: inner },
    ],
  });
  for (let i = 1; i < depth; i++) level = levelAt(level);
  const json: JsonSchema = {
    type: 'object',
    ...(description ? { description } : {}),
    maxProperties: keys,
    propertyNames: { maxLength: keyLength },
    additionalProperties: level,
  };
  const expected = `an object nested at most ${depth} deep, with at most ${keys} fields (or items) each, field names of at most ${keyLength} characters and strings of at most ${stringLength}, no control characters`;

  /** The first bound `value` breaks at nesting `level` (1: the top object), or null. */
  const breaks = (value: unknown, at: number): boolean => {
    if (typeof value === 'string') return value.length > stringLength || CONTROL.test(value);
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return false;
    if (at > depth) return true;
    if (Array.isArray(value)) return value.length > keys || value.some((v) => breaks(v, at + 1));
    if (!isRecord(value)) return true;
    const names = Object.keys(value);
    return names.length > keys || names.some((k) => k.length > keyLength || breaks(value[k], at + 1));
  };
  return make(json, (value, path, problems) => {
    if (!isRecord(value) || breaks(value, 1)) push(problems, path, expected, value);
  });
}

/** A schema documented once, under `name`, in `components.schemas`, and referred to elsewhere. */
export interface Named<T> extends Schema<T> {
  readonly name: string;
  /** The schema itself (its `json` is the definition, not the `$ref`). */
  readonly definition: Schema<T>;
}

/** Names `schema`: where it is used, the document says `$ref: #/components/schemas/<name>`. */
export function named<T>(name: string, schema: Schema<T>): Named<T> {
  return { name, definition: schema, json: { $ref: `#/components/schemas/${name}` }, check: schema.check };
}

/** A value any of `schemas` accepts; "expected" names them all when none does. */
export function anyOf<S extends Schema<unknown>[]>(schemas: S, expected: string): Schema<Infer<S[number]>> {
  return make({ anyOf: schemas.map((s) => s.json) }, (value, path, problems) => {
    if (!schemas.some((s) => problemsOf(s, value).length === 0)) push(problems, path, expected, value);
  });
}

/** An object whose field names are free and whose values are all `value`. */
export function record<T>(value: Schema<T>, description?: string): Schema<Record<string, T>> {
  const json: JsonSchema = {
    type: 'object',
    additionalProperties: value.json,
    ...(description ? { description } : {}),
  };
  return make(json, (input, path, problems) => {
    if (!isRecord(input)) return push(problems, path, 'an object', input);
    for (const [key, entry] of Object.entries(input)) value.check(entry, path ? `${path}.${key}` : key, problems);
  });
}

/**
 * An object schema with one more rule across its fields: `json` is that rule in JSON Schema
 * (added under `allOf`), `check` enforces it on any object, alongside the fields' own checks, so
 * every problem is listed at once.
 */
export function refine<S extends Schema<unknown>>(
  schema: S,
  rule: { json: JsonSchema; check: (value: Record<string, unknown>, path: string, problems: Problem[]) => void },
): S {
  return {
    ...schema,
    json: { ...schema.json, allOf: [rule.json] },
    check: (value: unknown, path: string, problems: Problem[]) => {
      schema.check(value, path, problems);
      if (isRecord(value)) rule.check(value, path, problems);
    },
  };
}

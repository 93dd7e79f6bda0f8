import { MAX_MESSAGE_SIZE, jsonSize } from './limits';

/**
 * A schema value: a check that `value` is a `T`, from which {@link Infer} reads `T` back, so a
 * message's runtime check and its TypeScript type are written once. Run one only through
 * {@link parse}: a schema reads properties, and only `parse` first makes sure they are plain data.
 */
export type Schema<T> = (value: unknown) => value is T;

/** The type a {@link Schema} accepts. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** The fields of an {@link object} schema, by key. */
export type Shape = Record<string, Schema<unknown>>;

// `infer` first, so editors show the object's keys rather than this alias.
type Flat<T> = T extends infer U ? { [K in keyof U]: U[K] } : never;

/** The type an {@link object} schema accepts: `required` keys, then `optional` ones. */
export type InferObject<R extends Shape, O extends Shape> = Flat<
  { [K in keyof R]: Infer<R[K]> } & { [K in keyof O]?: Infer<O[K]> }
>;

/**
 * `value` if it is plain data within the message limits (those of `fitsMessageLimits`) and
 * `schema` accepts it, else `null`. Never throws.
 */
export function parse<T>(schema: Schema<T>, value: unknown): T | null {
  try {
    return jsonSize(value, MAX_MESSAGE_SIZE, 0) >= 0 && schema(value) ? value : null;
  } catch {
    return null;
  }
}

// Each factory is marked free of side effects: a bundle then keeps only the schemas it uses.

/** Strings of at most `max` UTF-16 code units. */
/*#__NO_SIDE_EFFECTS__*/
export function string(max: number): Schema<string> {
  return (v): v is string => typeof v === 'string' && v.length <= max;
}

/** Strings that match `pattern` (anchor it, and bound its length). */
/*#__NO_SIDE_EFFECTS__*/
export function pattern(regexp: RegExp): Schema<string> {
  return (v): v is string => typeof v === 'string' && regexp.test(v);
}

/** Whole numbers from 0 up to, not including, `end`. */
/*#__NO_SIDE_EFFECTS__*/
export function integer(end: number): Schema<number> {
  return (v): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < end;
}

/** `true` or `false`. */
export const boolean: Schema<boolean> = (v) => typeof v === 'boolean';

/** One of `values`, compared with `===`: a literal, or an enumeration. */
/*#__NO_SIDE_EFFECTS__*/
export function oneOf<const T extends readonly (string | number | boolean)[]>(...values: T): Schema<T[number]> {
  return (v): v is T[number] => (values as readonly unknown[]).includes(v);
}

/** What one of `schemas` accepts. */
/*#__NO_SIDE_EFFECTS__*/
export function union<S extends Schema<unknown>[]>(...schemas: S): Schema<Infer<S[number]>> {
  return (v): v is Infer<S[number]> => schemas.some((schema) => schema(v));
}

/** `null`, or what `schema` accepts. */
/*#__NO_SIDE_EFFECTS__*/
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return (v): v is T | null => v === null || schema(v);
}

/** Arrays of at most `max` items, each accepted by `item` (a hole counts as `undefined`). */
/*#__NO_SIDE_EFFECTS__*/
export function array<T>(item: Schema<T>, max: number): Schema<T[]> {
  return (v): v is T[] => {
    if (!Array.isArray(v) || v.length > max) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  };
}

/**
 * Plain objects (`Object.prototype`, not arrays, class instances or null-prototype objects) with
 * every `required` key, `optional` keys where present, and no other key.
 */
/*#__NO_SIDE_EFFECTS__*/
export function object<R extends Shape, O extends Shape = Record<never, never>>(
  required: R,
  optional: O = {} as O,
): Schema<InferObject<R, O>> {
  return (v): v is InferObject<R, O> => {
    if (!isPlainObject(v)) return false;
    // hasOwn, not `in`: `in` would let through keys such as `constructor` or `toString`, and count
    // a key inherited from a polluted Object.prototype.
    for (const key of Object.keys(v)) if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) return false;
    for (const [key, check] of Object.entries(required)) if (!Object.hasOwn(v, key) || !check(v[key])) return false;
    for (const [key, check] of Object.entries(optional)) {
      if (Object.hasOwn(v, key) && v[key] !== undefined && !check(v[key])) return false;
    }
    return true;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

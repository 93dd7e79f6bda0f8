import { describe, expectTypeOf, it } from 'vitest';
import {
  array,
  boolean,
  integer,
  nullable,
  object,
  oneOf,
  pattern,
  string,
  union,
  type Infer,
  type Schema,
} from './combinators';

describe('schema values', () => {
  it('are type guards of the type they check', () => {
    expectTypeOf(boolean).toEqualTypeOf<Schema<boolean>>();
    expectTypeOf(string(2)).toEqualTypeOf<Schema<string>>();
    expectTypeOf(pattern(/^a$/)).toEqualTypeOf<Schema<string>>();
    expectTypeOf(integer(9)).toEqualTypeOf<Schema<number>>();
    expectTypeOf(oneOf('A', 'B', 1, true)).toEqualTypeOf<Schema<'A' | 'B' | 1 | true>>();
    expectTypeOf(array(nullable(string(2)), 3)).toEqualTypeOf<Schema<(string | null)[]>>();
    expectTypeOf(union(oneOf(1), string(1))).toEqualTypeOf<Schema<1 | string>>();
  });

  it('give an object schema its required and optional keys, and no others', () => {
    const point = object({ x: integer(9), tags: array(string(9), 9) }, { label: string(9) });
    expectTypeOf(point).toEqualTypeOf<Schema<{ x: number; tags: string[]; label?: string }>>();
    expectTypeOf<Infer<typeof point>>().toEqualTypeOf<{ x: number; tags: string[]; label?: string }>();
    expectTypeOf<keyof Infer<typeof point>>().toEqualTypeOf<'x' | 'tags' | 'label'>();
    const empty = object({});
    expectTypeOf<keyof Infer<typeof empty>>().toBeNever();
    expectTypeOf(empty).parameter(0).toBeUnknown();
  });

  it('take any type guard as a custom schema', () => {
    const isDigit = (v: unknown): v is '0' | '1' => v === '0' || v === '1';
    const holder = object({ d: isDigit });
    expectTypeOf(isDigit).toExtend<Schema<'0' | '1'>>();
    expectTypeOf<Infer<typeof holder>>().toEqualTypeOf<{ d: '0' | '1' }>();
    expectTypeOf(holder).toEqualTypeOf<Schema<{ d: '0' | '1' }>>();
  });
});

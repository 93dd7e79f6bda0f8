import { describe, expectTypeOf, it } from 'vitest';
import type { FieldState } from '@cards-session/protocol';
import type { CardsSessionError } from './errors';
import type { FieldEventName } from './events';
import type { CvnField } from './field';

declare const field: CvnField;

describe('CvnField.on', () => {
  it('refuses an event name outside the map', () => {
    // @ts-expect-error 'nope' is not a field event
    field.on('nope', () => undefined);
    expectTypeOf<FieldEventName>().toEqualTypeOf<'ready' | 'change' | 'focus' | 'blur' | 'escape' | 'error'>();
  });

  it('types each handler by its event and returns the unsubscribe', () => {
    const off = field.on('change', (state) => {
      expectTypeOf(state).toEqualTypeOf<FieldState>();
    });
    expectTypeOf(off).toEqualTypeOf<() => void>();
    field.on('error', (err) => {
      expectTypeOf(err).toEqualTypeOf<CardsSessionError>();
    });
    field.on('ready', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<{ brand: FieldState['brand'] }>();
    });
  });

  it('refuses a handler for another payload', () => {
    // @ts-expect-error a change handler gets a FieldState, not an error
    field.on('change', (err: CardsSessionError) => err.code);
  });
});

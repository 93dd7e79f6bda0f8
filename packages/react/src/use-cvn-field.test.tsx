import { act } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import type * as Sdk from 'cards-session';
import { CardsSessionError, ErrorCode } from 'cards-session';
import { liveFields, sessions, type FakeField } from './cards-session.fake';
import { render } from './act-render';
import { CardsSessionProvider } from './cards-session-provider';
import { useCvnField, type CvnFieldHandle } from './use-cvn-field';

vi.mock('cards-session', async (importOriginal) => ({
  ...(await importOriginal<typeof Sdk>()),
  init: (await import('./cards-session.fake')).init,
}));

afterEach(() => {
  sessions.length = 0;
});

/** A merchant's own field component over the hook; every render's handle goes to `seen`. */
function OwnField({ seen, show = true }: { seen: CvnFieldHandle[]; show?: boolean }) {
  const handle = useCvnField({ placeholder: 'CVC' });
  seen.push(handle);
  return show ? <section ref={handle.ref} aria-label="Card security code" /> : null;
}

const page = (seen: CvnFieldHandle[], show?: boolean) => (
  <CardsSessionProvider paymentSessionId="ps-1">
    <OwnField seen={seen} show={show} />
  </CardsSessionProvider>
);

it('gives the field, its last state and its failure; no field without an element', async () => {
  const seen: CvnFieldHandle[] = [];
  const view = render(page(seen));
  const field = liveFields()[0] as FakeField;
  expect(field.container?.tagName).toBe('SECTION');
  expect(seen.at(-1)).toMatchObject({ field, state: null, error: null });

  act(() => field.ready());
  expect(seen.at(-1)?.state).toEqual({ empty: true, complete: false, valid: false, brand: 'visa' });
  act(() => field.emit('change', { empty: false, complete: true, valid: true, brand: 'visa' }));
  expect(seen.at(-1)?.state?.complete).toBe(true);

  const error = new CardsSessionError(ErrorCode.ORIGIN_NOT_ALLOWED, 'not an allowed origin');
  await act(async () => field.fail(error));
  expect(seen.at(-1)).toMatchObject({ state: null, error });

  // The element goes: so does the field.
  view.rerender(page(seen, false));
  expect(field.destroyed).toBe(true);
  expect(seen.at(-1)).toMatchObject({ field: null, state: null, error: null });
  view.unmount();
});

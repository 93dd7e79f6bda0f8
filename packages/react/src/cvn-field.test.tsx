import { StrictMode, type ReactNode } from 'react';
import { act } from 'react';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type * as Sdk from 'cards-session';
import { CardsSessionError, ErrorCode, type FieldState } from 'cards-session';
import { faults, frames, liveFields, sessions, type FakeField } from './cards-session.fake';
import { Boundary, render } from './act-render';
import { CardsSessionProvider } from './cards-session-provider';
import { CvnField, type CvnFieldProps } from './cvn-field';

vi.mock('cards-session', async (importOriginal) => ({
  ...(await importOriginal<typeof Sdk>()),
  init: (await import('./cards-session.fake')).init,
}));

afterEach(() => {
  sessions.length = 0;
  delete faults.createField;
});

const inSession = (children: ReactNode, id = 'ps-1') => (
  <CardsSessionProvider paymentSessionId={id}>{children}</CardsSessionProvider>
);
const fields = () => sessions.flatMap((s) => s.fields);
const only = (): FakeField => {
  expect(liveFields()).toHaveLength(1);
  return liveFields()[0] as FakeField;
};
const loadError = () => new CardsSessionError(ErrorCode.FRAME_LOAD_TIMEOUT, 'The payment field did not load');

describe('CvnField', () => {
  it('creates the field with the SDK options and mounts it into the element it renders', () => {
    const style = { base: { color: '#111' } };
    const view = render(inSession(<CvnField id="cvn" className="cvn-input" placeholder="CVC" style={style} help />));
    const field = only();
    expect(field.options).toEqual({ placeholder: 'CVC', style, help: true });
    const container = view.host.querySelector('#cvn');
    expect(field.container).toBe(container);
    expect(container?.className).toBe('cvn-input');
    expect(container?.querySelectorAll('.fake-frame')).toHaveLength(1);
    view.unmount();
  });

  it('forwards every field event to its handler prop, and to the newest handler after a render', () => {
    const calls: string[] = [];
    const props = (tag: string): CvnFieldProps => ({
      onReady: (p) => calls.push(`${tag} ready ${p.brand}`),
      onChange: (s) => calls.push(`${tag} change ${s.complete}`),
      onFocus: () => calls.push(`${tag} focus`),
      onBlur: () => calls.push(`${tag} blur`),
      onEscape: () => calls.push(`${tag} escape`),
    });
    const view = render(inSession(<CvnField {...props('a')} />));
    const field = only();
    act(() => field.ready());
    act(() => field.emit('focus', {}));
    view.rerender(inSession(<CvnField {...props('b')} />));
    act(() => {
      field.emit('change', { empty: false, complete: true, valid: true, brand: 'visa' });
      field.emit('blur', {});
      field.emit('escape', {});
    });
    expect(calls).toEqual(['a ready visa', 'a change false', 'a focus', 'b change true', 'b blur', 'b escape']);
    expect(fields()).toHaveLength(1);
    view.unmount();
  });

  it('on unmount unsubscribes, destroys the field and its frame leaves the page', () => {
    const view = render(inSession(<CvnField id="cvn" />));
    const field = only();
    expect(field.subscriptions).toBeGreaterThan(0);
    view.unmount();
    expect(field.destroyed).toBe(true);
    expect(field.subscriptions).toBe(0);
    expect(frames()).toHaveLength(0);
  });

  it('under StrictMode (mount, destroy, mount) ends with exactly one live field and one frame', () => {
    const onError = vi.fn();
    const view = render(<StrictMode>{inSession(<CvnField id="cvn" onError={onError} />)}</StrictMode>);
    const field = only();
    expect(fields().filter((f) => f !== field && !f.destroyed)).toEqual([]);
    expect(frames()).toHaveLength(1);
    expect(field.container).toBe(view.host.querySelector('#cvn'));
    act(() => field.ready());
    // The first field's mount rejected when it was destroyed: that is the binding's doing, not an error.
    expect(onError).not.toHaveBeenCalled();
    view.unmount();
    expect(liveFields()).toHaveLength(0);
  });

  it('applies changed options with update() once ready, without a new frame', () => {
    const view = render(inSession(<CvnField placeholder="CVC" style={{ base: { color: '#111' } }} />));
    const field = only();
    // Before ready the frame cannot take an update: it waits.
    view.rerender(inSession(<CvnField placeholder="CVV" style={{ base: { color: '#111' } }} />));
    expect(field.updates).toEqual([]);
    act(() => field.ready());
    expect(field.updates).toEqual([{ placeholder: 'CVV', style: { base: { color: '#111' } } }]);

    // A new but equal style object is no change.
    view.rerender(inSession(<CvnField placeholder="CVV" style={{ base: { color: '#111' } }} />));
    view.rerender(inSession(<CvnField placeholder="CVV" style={{ base: { color: '#222' } }} />));
    expect(field.updates).toHaveLength(2);
    expect(field.updates[1]).toEqual({ placeholder: 'CVV', style: { base: { color: '#222' } } });
    expect(liveFields()).toEqual([field]);
    view.unmount();
  });

  it('creates the field again for options the frame takes only at creation, or an option removed', () => {
    const view = render(inSession(<CvnField placeholder="CVC" />));
    const first = only();
    view.rerender(inSession(<CvnField placeholder="CVC" help />));
    const second = only();
    expect(first.destroyed).toBe(true);
    expect(second.options).toEqual({ placeholder: 'CVC', help: true });
    view.rerender(inSession(<CvnField help />));
    expect(only().options).toEqual({ help: true });
    expect(fields()).toHaveLength(3);
    view.unmount();
  });

  it('moves to the new session when the provider gets a new session id', () => {
    const view = render(inSession(<CvnField id="cvn" />, 'ps-1'));
    const first = only();
    view.rerender(inSession(<CvnField id="cvn" />, 'ps-2'));
    expect(first.destroyed).toBe(true);
    expect(sessions[1]?.fields).toEqual([only()]);
    expect(frames()).toHaveLength(1);
    view.unmount();
  });
});

describe('CvnField errors', () => {
  it('a load failure reaches onError once, though the SDK both emits it and rejects mount()', async () => {
    const onError = vi.fn();
    const view = render(inSession(<CvnField onError={onError} />));
    const error = loadError();
    await act(async () => only().fail(error));
    expect(onError.mock.calls).toEqual([[error]]);
    expect(frames()).toHaveLength(0);
    view.unmount();
  });

  it('a mount() rejection the SDK does not emit still reaches onError', async () => {
    const onError = vi.fn();
    const view = render(inSession(<CvnField onError={onError} />));
    const error = new CardsSessionError(ErrorCode.MOUNT_TARGET_NOT_FOUND, 'mount: no element');
    await act(async () => (only() as unknown as { settle: { reject(e: unknown): void } }).settle.reject(error));
    expect(onError.mock.calls).toEqual([[error]]);
    view.unmount();
  });

  it('bad options (createField throws) reach onError', () => {
    const onError = vi.fn();
    faults.createField = new CardsSessionError(ErrorCode.INVALID_OPTIONS, 'placeholder: expected a string');
    const view = render(inSession(<CvnField onError={onError} />));
    expect(onError.mock.calls).toEqual([[faults.createField]]);
    view.unmount();
  });

  it('without onError, a failure goes to the nearest error boundary', async () => {
    const caught: unknown[] = [];
    const view = render(
      inSession(
        <Boundary onCatch={(e) => caught.push(e)}>
          <CvnField id="cvn" />
        </Boundary>,
      ),
      { onCaughtError: () => undefined },
    );
    const field = only();
    const error = loadError();
    await act(async () => field.fail(error));
    expect(caught).toEqual([error]);
    expect(field.destroyed).toBe(true);
    view.unmount();
  });
});

it('derives its handler props from the SDK event map', () => {
  expectTypeOf<NonNullable<CvnFieldProps['onChange']>>().parameter(0).toEqualTypeOf<FieldState>();
  expectTypeOf<NonNullable<CvnFieldProps['onError']>>().parameter(0).toEqualTypeOf<CardsSessionError>();
  expectTypeOf<CvnFieldProps>().not.toHaveProperty('onSubmit');
});

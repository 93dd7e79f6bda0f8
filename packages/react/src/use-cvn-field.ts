import { useEffect, useRef, useState } from 'react';
import type { CardsSessionError, CvnField, FieldEventName, FieldState } from 'cards-session';
import { useCardsSession } from './cards-session-provider';
import { FIELD_EVENTS, handlerName, splitProps, type SplitProps, type UseCvnFieldOptions } from './field-props';

/** What {@link useCvnField} returns. */
export interface CvnFieldHandle {
  /** Put this on the element the frame goes into: `<div ref={ref} id="cvn" />`. */
  ref: (element: HTMLElement | null) => void;
  /** The SDK field while it lives (for `focus()`, `blur()`, `clear()`), else `null`. */
  field: CvnField | null;
  /** The field's last state (`empty`, `complete`, `valid`, `brand`, `error?`); `null` until it is ready. */
  state: FieldState | null;
  /**
   * Why the field failed (`FRAME_LOAD_TIMEOUT`, `ORIGIN_NOT_ALLOWED`, bad options, …): also passed
   * to `onError`. The shopper's input errors are in `state.error` instead.
   */
  error: CardsSessionError | null;
}

interface Live {
  field: CvnField | null;
  ready: boolean;
  state: FieldState | null;
  error: CardsSessionError | null;
}

/**
 * Creates a CVN field on the session of the nearest `CardsSessionProvider`, mounts it into the
 * element given to `ref`, forwards its events to the `on…` handlers and destroys it on unmount.
 * New option values reach the frame through `field.update()`; `fonts`, `help` and
 * `errorTooltip`, or an option added or removed, create the field again. A new session does too.
 */
export function useCvnField(props: UseCvnFieldOptions = {}): CvnFieldHandle {
  const session = useCardsSession();
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const split = splitProps(props);
  const latest = useRef<SplitProps>(split);
  /** The options the live field already has, as `updateKey`. */
  const applied = useRef('');
  // Handlers and options are read when events arrive, so new handler functions need no resubscribe.
  useEffect(() => {
    latest.current = split;
  });

  useEffect(() => {
    if (!container) return;
    let active = true;
    const reported = new Set<unknown>();
    const fail = (error: CardsSessionError) => {
      // mount() rejects with the error the field also emits: report it once.
      if (!active || reported.has(error)) return;
      reported.add(error);
      setLive((l) => ({ field: l?.field ?? null, ready: false, state: null, error }));
      latest.current.handlers.onError?.(error);
    };
    const { options, updateKey } = latest.current;
    let field: CvnField;
    try {
      field = session.createField('cvn', options);
    } catch (error) {
      fail(error as CardsSessionError);
      return () => {
        active = false;
      };
    }
    applied.current = updateKey;
    const forward = (name: FieldEventName, payload: unknown) => {
      if (name === 'error') return fail(payload as CardsSessionError);
      if (name === 'ready') setLive((l) => l && { ...l, ready: true });
      if (name === 'change') setLive((l) => l && { ...l, state: payload as FieldState });
      const handler = latest.current.handlers[handlerName(name)] as ((p: unknown) => void) | undefined;
      handler?.(payload);
    };
    const offs = FIELD_EVENTS.map((name) => field.on(name, (payload) => forward(name, payload)));
    setLive({ field, ready: false, state: null, error: null });
    field.mount(container).catch((error: CardsSessionError) => fail(error));
    return () => {
      active = false;
      for (const off of offs) off();
      field.destroy();
      setLive(null);
    };
  }, [session, container, split.createKey]);

  const field = live?.field ?? null;
  const ready = live?.ready ?? false;
  useEffect(() => {
    if (!field || !ready || applied.current === split.updateKey) return;
    applied.current = split.updateKey;
    try {
      field.update(latest.current.options);
    } catch (error) {
      setLive((l) => l && { ...l, error: error as CardsSessionError });
      latest.current.handlers.onError?.(error as CardsSessionError);
    }
  }, [field, ready, split.updateKey]);

  return { ref: setContainer, field, state: live?.state ?? null, error: live?.error ?? null };
}

import type { FieldEventName, FieldEvents, FieldOptions } from 'cards-session';

/** One handler prop per SDK field event: `onReady`, `onChange`, `onFocus`, `onBlur`, `onEscape`, `onError`. */
export type FieldEventHandlers = {
  [K in FieldEventName as `on${Capitalize<K>}`]?: (payload: FieldEvents[K]) => void;
};

/** The SDK's field options plus a handler prop per field event. */
export interface UseCvnFieldOptions extends FieldOptions, FieldEventHandlers {}

// Every SDK event, checked both ways against FieldEvents: a new SDK event fails the type check.
const EVENTS = { ready: true, change: true, focus: true, blur: true, escape: true, error: true } satisfies Record<
  FieldEventName,
  true
>;

/** The SDK's field event names. */
export const FIELD_EVENTS = Object.keys(EVENTS) as FieldEventName[];

/** `change` → `onChange`. */
export function handlerName<K extends FieldEventName>(name: K): `on${Capitalize<K>}` {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as `on${Capitalize<K>}`;
}

// The frame takes these only when it is created: `update()` cannot change them in place.
const AT_CREATION: readonly string[] = ['fonts', 'help', 'errorTooltip'] satisfies (keyof FieldOptions)[];

/** Props split into the SDK's field options and the event handlers (`on` + capital letter). */
export interface SplitProps {
  options: FieldOptions;
  handlers: FieldEventHandlers;
  /** Changes when the field must be created again: an option set at creation, or one added or removed. */
  createKey: string;
  /** Changes when `field.update()` can apply the new options. */
  updateKey: string;
}

/** Splits the props of a field; equal options give equal keys whatever their objects' identity. */
export function splitProps(props: UseCvnFieldOptions): SplitProps {
  const options: Record<string, unknown> = {};
  const handlers: Record<string, unknown> = {};
  const atCreation: Record<string, unknown> = {};
  const updatable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (/^on[A-Z]/.test(key)) handlers[key] = value;
    else {
      options[key] = value;
      (AT_CREATION.includes(key) ? atCreation : updatable)[key] = value;
    }
  }
  return {
    options: options as FieldOptions,
    handlers: handlers as FieldEventHandlers,
    // A removed option cannot be reset by update(), which merges: removing one recreates the field.
    createKey: JSON.stringify([atCreation, Object.keys(updatable).sort()]),
    updateKey: JSON.stringify(updatable),
  };
}

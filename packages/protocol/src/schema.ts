import { isCardBrand } from './cvn';
import { isErrorCode } from './errors';
import { LOCALES } from './locales';
import { checkStyle } from './styles';
import {
  MessageName,
  type FieldState,
  type FrameBoundName,
  type FrameBoundPayloads,
  type FocusReply,
  type FrameOptions,
  type ParentBoundName,
  type ParentBoundPayloads,
  type SubmitReply,
  type ThreeDsReady,
  type ThreeDsResult,
} from './messages';

type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const MAX_STRING = 2048;

/**
 * The most JSON text, in UTF-16 code units, an inbound message may take. The largest real
 * message (a submit reply carrying a result token) is a few KB.
 */
export const MAX_MESSAGE_SIZE = 16 * 1024;
/** How deeply an inbound message may nest objects and arrays; the deepest real one nests 4. */
export const MAX_MESSAGE_DEPTH = 8;

/**
 * The length of `value`'s JSON text if it is plain data that fits in `budget` characters and
 * nests at most {@link MAX_MESSAGE_DEPTH} levels below `depth`, else -1. Plain data: `null`,
 * booleans, numbers, strings, arrays, and objects with `Object.prototype` or no prototype holding
 * enumerable data properties only. Stops as soon as the budget runs out; runs no getter and no
 * `toJSON`.
 */
function jsonSize(value: unknown, budget: number, depth: number): number {
  let size: number;
  switch (typeof value) {
    case 'string':
      // Checked before escaping, so a huge string is refused without being copied.
      size = value.length + 2 > budget ? Infinity : JSON.stringify(value).length;
      break;
    case 'number':
      size = Number.isFinite(value) ? String(value).length : 4;
      break;
    case 'boolean':
      size = value ? 4 : 5;
      break;
    case 'object':
      size = value === null ? 4 : containerSize(value, budget, depth + 1);
      break;
    default:
      // undefined (as a whole message or an array item), bigint, symbol, function.
      return -1;
  }
  return size >= 0 && size <= budget ? size : -1;
}

function containerSize(value: object, budget: number, depth: number): number {
  if (depth > MAX_MESSAGE_DEPTH) return -1;
  if (Array.isArray(value)) {
    const { length } = value;
    let size = 2 + Math.max(0, length - 1);
    for (let i = 0; i < length && size <= budget; i++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor && !('value' in descriptor)) return -1; // an accessor
      const item: unknown = descriptor?.value;
      const n = jsonSize(item === undefined ? null : item, budget - size, depth);
      if (n < 0) return -1;
      size += n;
    }
    return size;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return -1;
  let size = 1;
  // Every own key, not only enumerable ones: the field checks must never meet a hidden getter.
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor?.enumerable || !('value' in descriptor)) return -1;
    const item: unknown = descriptor.value;
    if (item === undefined) continue; // JSON leaves it out
    if (key.length + 4 > budget - size) return -1; // before escaping a huge key
    size += JSON.stringify(key).length + 2; // "key": and the comma or closing brace
    const n = jsonSize(item, budget - size, depth);
    if (n < 0) return -1;
    size += n;
  }
  return Math.max(size, 2);
}

/**
 * Whether `value` is plain data whose JSON text is at most {@link MAX_MESSAGE_SIZE} characters,
 * nested at most {@link MAX_MESSAGE_DEPTH} levels: the first check on every inbound message,
 * before any field is looked at. Never throws: accessor properties (never called), cycles,
 * BigInts, functions, class instances, and proxies whose traps throw are all refused.
 */
export function fitsMessageLimits(value: unknown): boolean {
  try {
    return jsonSize(value, MAX_MESSAGE_SIZE, 0) >= 0;
  } catch {
    return false;
  }
}

/** `check(value)` for a value within the message limits; `false` otherwise or if it throws. */
function accept(check: Check, value: unknown): boolean {
  if (!fitsMessageLimits(value)) return false;
  try {
    return check(value);
  } catch {
    return false;
  }
}

const str: Check = (v) => typeof v === 'string' && v.length <= MAX_STRING;
const bool: Check = (v) => typeof v === 'boolean';
const int: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1e6;
const channel: Check = (v) => typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v);
const locale: Check = (v) => (LOCALES as readonly unknown[]).includes(v);

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** An exact-shape check: every required key passes, optional keys pass when present, no others. */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v) => {
    if (!isObj(v)) return false;
    for (const key of Object.keys(v)) {
      // hasOwn, not `in`: `in` would let through keys such as `constructor` or `toString`.
      if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) return false;
    }
    // hasOwn, not `in`: a key inherited from a polluted Object.prototype must not count.
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(v, key) || !check(v[key])) return false;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (Object.hasOwn(v, key) && v[key] !== undefined && !check(v[key])) return false;
    }
    return true;
  };
}

const fieldError = shape({
  code: (v) => v === 'INCOMPLETE_CVN' || v === 'INVALID_CVN' || v === 'TOO_MANY_ATTEMPTS',
  message: str,
});
const fieldState = shape({ empty: bool, complete: bool, valid: bool, brand: isCardBrand }, { error: fieldError });

const PARENT_BOUND: Record<ParentBoundName, Check> = {
  [MessageName.Ready]: shape({ channel, version: int, brand: isCardBrand, locale, height: int }),
  [MessageName.LoadError]: shape({ channel, version: int, code: isErrorCode, message: str }),
  [MessageName.Change]: shape({ channel, state: fieldState }),
  [MessageName.Focus]: shape({ channel }),
  [MessageName.Blur]: shape({ channel }),
  [MessageName.Escape]: shape({ channel }),
  [MessageName.Resize]: shape({ channel, height: int }),
  [MessageName.Help]: shape({ channel, open: bool, text: str }),
};

const shortText = (v: unknown) => typeof v === 'string' && v.length <= 200;
/** Whether `v` is a well-formed, safe {@link FrameOptions}. */
export const frameOptions = shape(
  {},
  { style: (v) => checkStyle(v) === null, placeholder: shortText, ariaLabel: shortText, disabled: bool },
);

const FRAME_BOUND: Record<FrameBoundName, Check> = {
  [MessageName.Submit]: shape({ channel }),
  [MessageName.Update]: shape({ channel, options: frameOptions }),
  [MessageName.FocusInput]: shape({ channel }),
  [MessageName.BlurInput]: shape({ channel }),
  [MessageName.ClearInput]: shape({ channel }),
};

const submitReply = (v: unknown): boolean =>
  shape({
    ok: (x) => x === true,
    result: shape({ payment_request_id: str, action_url: str, message: str, result_token: str }),
  })(v) || shape({ ok: (x) => x === false, error: shape({ code: isErrorCode, message: str }) })(v);

/** The payload of a message for the merchant page if it matches the schema exactly, else `null`. */
export function parseParentBound<N extends ParentBoundName>(name: N, data: unknown): ParentBoundPayloads[N] | null {
  const check = Object.hasOwn(PARENT_BOUND, name) ? PARENT_BOUND[name] : undefined;
  return check && accept(check, data) ? (data as ParentBoundPayloads[N]) : null;
}

/** The payload of a message for the frame if it matches the schema exactly, else `null`. */
export function parseFrameBound<N extends FrameBoundName>(name: N, data: unknown): FrameBoundPayloads[N] | null {
  const check = Object.hasOwn(FRAME_BOUND, name) ? FRAME_BOUND[name] : undefined;
  return check && accept(check, data) ? (data as FrameBoundPayloads[N]) : null;
}

/** A frame's answer to a submit if it matches the schema exactly, else `null`. */
export function parseSubmitReply(data: unknown): SubmitReply | null {
  return accept(submitReply, data) ? (data as SubmitReply) : null;
}

const focusReply = shape({ focused: bool });

/** A frame's answer to a focus request if it matches the schema exactly, else `null`. */
export function parseFocusReply(data: unknown): FocusReply | null {
  return accept(focusReply, data) ? (data as FocusReply) : null;
}

const threeDsResult = shape({
  type: (v) => v === MessageName.ThreeDsResult,
  payment_request_id: str,
  status: (v) => v === 'SUCCEEDED' || v === 'FAILED',
});

const threeDsReady = shape({ type: (v) => v === MessageName.ThreeDsReady });

/** A 3-D Secure page's message if it matches the schema exactly, else `null`. */
export function parseThreeDsMessage(data: unknown): ThreeDsResult | ThreeDsReady | null {
  const check = (v: unknown) => threeDsResult(v) || threeDsReady(v);
  return accept(check, data) ? (data as ThreeDsResult | ThreeDsReady) : null;
}

/** `options` if they are well-formed, safe {@link FrameOptions}, else `null`. */
export function parseFrameOptions(options: unknown): FrameOptions | null {
  return accept(frameOptions, options) ? (options as FrameOptions) : null;
}

/** Whether `state` is a well-formed {@link FieldState}. */
export function isFieldState(state: unknown): state is FieldState {
  return accept(fieldState, state);
}

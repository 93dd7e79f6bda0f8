import { isCardBrand } from './cvn';
import { isErrorCode } from './errors';
import { LOCALES } from './locales';
import { checkStyle } from './styles';
import {
  MessageName,
  type FieldState,
  type FrameBoundName,
  type FrameBoundPayloads,
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
    for (const [key, check] of Object.entries(required)) {
      if (!(key in v) || !check(v[key])) return false;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (key in v && v[key] !== undefined && !check(v[key])) return false;
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
  return check?.(data) ? (data as ParentBoundPayloads[N]) : null;
}

/** The payload of a message for the frame if it matches the schema exactly, else `null`. */
export function parseFrameBound<N extends FrameBoundName>(name: N, data: unknown): FrameBoundPayloads[N] | null {
  const check = Object.hasOwn(FRAME_BOUND, name) ? FRAME_BOUND[name] : undefined;
  return check?.(data) ? (data as FrameBoundPayloads[N]) : null;
}

/** A frame's answer to a submit if it matches the schema exactly, else `null`. */
export function parseSubmitReply(data: unknown): SubmitReply | null {
  return submitReply(data) ? (data as SubmitReply) : null;
}

const threeDsResult = shape({
  type: (v) => v === MessageName.ThreeDsResult,
  payment_request_id: str,
  status: (v) => v === 'SUCCEEDED' || v === 'FAILED',
});

const threeDsReady = shape({ type: (v) => v === MessageName.ThreeDsReady });

/** A 3-D Secure page's message if it matches the schema exactly, else `null`. */
export function parseThreeDsMessage(data: unknown): ThreeDsResult | ThreeDsReady | null {
  if (threeDsResult(data)) return data as ThreeDsResult;
  return threeDsReady(data) ? (data as ThreeDsReady) : null;
}

/** `options` if they are well-formed, safe {@link FrameOptions}, else `null`. */
export function parseFrameOptions(options: unknown): FrameOptions | null {
  return frameOptions(options) ? (options as FrameOptions) : null;
}

/** Whether `state` is a well-formed {@link FieldState}. */
export function isFieldState(state: unknown): state is FieldState {
  return fieldState(state);
}

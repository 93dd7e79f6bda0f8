import { boolean, integer, object, oneOf, parse, pattern, string, union, type Infer, type Schema } from './combinators';
import { isCardBrand } from './cvn';
import { isErrorCode } from './errors';
import { LOCALES } from './locales';
import { MessageName } from './messages';
import { checkStyle, type FieldStyle } from './styles';

// Each message's payload, and each request's reply, is one schema value below, and its TypeScript
// type is read from it with Infer: none is written out by hand. The parse functions check with
// the same values.

const text = string(2048);
const count = integer(1e6);
const locale = oneOf(...LOCALES);
const style = (v: unknown): v is FieldStyle => checkStyle(v) === null;

/** Whether `value` is a channel id: 16 to 64 characters of `A-Z a-z 0-9 _ -`. */
export const isChannel = pattern(/^[A-Za-z0-9_-]{16,64}$/);

/** Identifies one mounted frame; carried in the frame URL's fragment and in every message. */
export interface Channel {
  channel: Infer<typeof isChannel>;
}

/** The error codes a field may show the shopper. */
const fieldErrorCode = oneOf('INCOMPLETE_CVN', 'INVALID_CVN', 'TOO_MANY_ATTEMPTS');
/** Error codes a field may show the shopper. */
export type FieldErrorCode = Infer<typeof fieldErrorCode>;

/** What the merchant page learns about the field: never the value. */
const fieldState = object(
  { empty: boolean, complete: boolean, valid: boolean, brand: isCardBrand },
  { error: object({ code: fieldErrorCode, message: text }) },
);
/**
 * Everything the merchant page learns about the field: never the value. `error` is set when the
 * field shows an error to the shopper.
 */
export type FieldState = Infer<typeof fieldState>;

/** Options the page may change after mount; everything is checked again inside the frame. */
const frameOptions = object({}, { style, placeholder: string(200), ariaLabel: string(200), disabled: boolean });
/** Options the page may change after mount; everything is checked again inside the frame. */
export type FrameOptions = Infer<typeof frameOptions>;

/** Payload schemas of the messages the frame sends to the merchant page, by name. */
export const PARENT_BOUND = {
  [MessageName.Ready]: object({ channel: isChannel, version: count, brand: isCardBrand, locale, height: count }),
  [MessageName.LoadError]: object({ channel: isChannel, version: count, code: isErrorCode, message: text }),
  [MessageName.Change]: object({ channel: isChannel, state: fieldState }),
  [MessageName.Focus]: object({ channel: isChannel }),
  [MessageName.Blur]: object({ channel: isChannel }),
  [MessageName.Escape]: object({ channel: isChannel }),
  [MessageName.Resize]: object({ channel: isChannel, height: count }),
  [MessageName.Help]: object({ channel: isChannel, open: boolean, text }),
};
/** Payloads the frame sends to the merchant page, by message name. */
export type ParentBoundPayloads = { [N in keyof typeof PARENT_BOUND]: Infer<(typeof PARENT_BOUND)[N]> };
/** Names of messages bound for the merchant page. */
export type ParentBoundName = keyof ParentBoundPayloads;

/** Payload schemas of the messages the merchant page sends to the frame, by name. */
export const FRAME_BOUND = {
  [MessageName.Submit]: object({ channel: isChannel }),
  [MessageName.Update]: object({ channel: isChannel, options: frameOptions }),
  [MessageName.FocusInput]: object({ channel: isChannel }),
  [MessageName.BlurInput]: object({ channel: isChannel }),
  [MessageName.ClearInput]: object({ channel: isChannel }),
};
/** Payloads the merchant page sends to the frame, by message name. */
export type FrameBoundPayloads = { [N in keyof typeof FRAME_BOUND]: Infer<(typeof FRAME_BOUND)[N]> };
/** Names of messages bound for the frame. */
export type FrameBoundName = keyof FrameBoundPayloads;

/**
 * What a sender writes for a message: its payload without the channel, which the messaging
 * modules add. A payload of nothing but its channel is an object with no keys: `{}` would take
 * any object, and with it a `cvn` key.
 */
export type MessageBody<P extends Channel> = keyof Omit<P, 'channel'> extends never
  ? Record<string, never>
  : Omit<P, 'channel'>;

/** The gateway's answer to a CVN submit, as handed to the merchant page. */
const paymentResult = object({ payment_request_id: text, action_url: text, message: text, result_token: text });
/**
 * The gateway's answer to a CVN submit, as handed to the merchant page: `action_url` is where the
 * shopper completes 3-D Secure; `result_token` a JWS over the outcome, for the merchant's server
 * to verify.
 */
export type PaymentResult = Infer<typeof paymentResult>;

/** Reply schemas of the requests the merchant page sends to the frame, by name; commands get none. */
export const REPLIES = {
  [MessageName.Submit]: union(
    object({ ok: oneOf(true), result: paymentResult }),
    object({ ok: oneOf(false), error: object({ code: isErrorCode, message: text }) }),
  ),
  [MessageName.FocusInput]: object({ focused: boolean }),
} satisfies Partial<Record<FrameBoundName, Schema<unknown>>>;
/** The frame's replies to the merchant page's requests, by message name. */
export type Replies = { [N in keyof typeof REPLIES]: Infer<(typeof REPLIES)[N]> };
/** Names of the messages for the frame that ask for an answer: requests. */
export type RequestName = keyof Replies;
/** Names of the messages for the frame that ask for no answer: commands. */
export type CommandName = Exclude<FrameBoundName, RequestName>;
/** The frame's answer to {@link MessageName.Submit}: the payment's result, or a coded error. */
export type SubmitReply = Replies[typeof MessageName.Submit];
/**
 * The frame's answer to {@link MessageName.FocusInput}: whether its input has focus now. `false`
 * when the browser refused (WebKit, without a user gesture, in a frame the shopper has not used).
 */
export type FocusReply = Replies[typeof MessageName.FocusInput];

/** Payload schemas of what the 3-D Secure page posts to the merchant page, by name. */
export const THREE_DS = {
  [MessageName.ThreeDsResult]: object({
    type: oneOf(MessageName.ThreeDsResult),
    payment_request_id: text,
    status: oneOf('SUCCEEDED', 'FAILED'),
  }),
  [MessageName.ThreeDsReady]: object({ type: oneOf(MessageName.ThreeDsReady) }),
};
/** What the 3-D Secure page tells the merchant page when a modal challenge ends. */
export type ThreeDsResult = Infer<(typeof THREE_DS)[typeof MessageName.ThreeDsResult]>;
/** What the 3-D Secure page tells the merchant page once its challenge shows in the modal. */
export type ThreeDsReady = Infer<(typeof THREE_DS)[typeof MessageName.ThreeDsReady]>;
/** Anything the 3-D Secure page posts to the merchant page. */
export type ThreeDsMessage = ThreeDsResult | ThreeDsReady;

/** What `table`'s schema for `name` makes of `data`; `null` for a name not in it. */
function parseIn(table: Record<string, Schema<unknown>>, name: string, data: unknown): unknown {
  return Object.hasOwn(table, name) ? parse(table[name] as Schema<unknown>, data) : null;
}

/** The payload of a message for the merchant page if it matches the schema exactly, else `null`. */
export function parseParentBound<N extends ParentBoundName>(name: N, data: unknown): ParentBoundPayloads[N] | null {
  return parseIn(PARENT_BOUND, name, data) as ParentBoundPayloads[N] | null;
}

/** The payload of a message for the frame if it matches the schema exactly, else `null`. */
export function parseFrameBound<N extends FrameBoundName>(name: N, data: unknown): FrameBoundPayloads[N] | null {
  return parseIn(FRAME_BOUND, name, data) as FrameBoundPayloads[N] | null;
}

/** The frame's reply to the request `name` if it matches the reply schema exactly, else `null`. */
export function parseReply<N extends RequestName>(name: N, data: unknown): Replies[N] | null {
  return parseIn(REPLIES, name, data) as Replies[N] | null;
}

/** A 3-D Secure page's message if it matches the schema exactly, else `null`. */
export function parseThreeDsMessage(data: unknown): ThreeDsMessage | null {
  return parse(union(...Object.values(THREE_DS)), data);
}

/** `options` if they are well-formed, safe {@link FrameOptions}, else `null`. */
export function parseFrameOptions(options: unknown): FrameOptions | null {
  return parse(frameOptions, options);
}

/** Whether `state` is a well-formed {@link FieldState}. */
export function isFieldState(state: unknown): state is FieldState {
  return parse(fieldState, state) !== null;
}

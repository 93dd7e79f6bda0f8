import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorCode } from './errors';
import type { MessageName } from './messages';
import type {
  CommandName,
  FieldErrorCode,
  FocusReply,
  FRAME_BOUND,
  FrameBoundName,
  FrameBoundPayloads,
  PARENT_BOUND,
  ParentBoundName,
  ParentBoundPayloads,
  PaymentResult,
  REPLIES,
  Replies,
  RequestName,
  SubmitReply,
  THREE_DS,
  ThreeDsMessage,
  ThreeDsResult,
} from './schema';
import type { StyleProperty, StyleVariant } from './styles';

// Every type here is derived from the schema values in schema.ts, the ones that check messages at
// runtime: pinning the types pins the checks, and the two cannot drift apart.

/** Every property name of `T`, at any depth; primitives (and so string methods) have none. */
type DeepKeys<T> = T extends readonly unknown[]
  ? DeepKeys<T[number]>
  : T extends object
    ? { [K in keyof T]-?: K | DeepKeys<NonNullable<T[K]>> }[keyof T]
    : never;

type DeepKeysByName<P> = { [N in keyof P]: DeepKeys<P[N]> };

/** The style option's keys: the variants and the allow-listed properties. */
type StyleKeys = 'style' | StyleVariant | StyleProperty;

type Forbidden = 'cvn' | 'cvc' | 'cvv' | 'csc' | 'value' | 'digits' | 'code_value' | 'securityCode' | 'security_code';

describe('parent-bound payloads', () => {
  it('are exactly these messages, each with exactly these keys at every depth', () => {
    // Adding any message or any field anywhere fails here: review it for the CVN, then update.
    expectTypeOf<DeepKeysByName<ParentBoundPayloads>>().toEqualTypeOf<{
      'cards-session:ready': 'channel' | 'version' | 'brand' | 'locale' | 'height';
      'cards-session:load-error': 'channel' | 'version' | 'code' | 'message';
      'cards-session:change':
        'channel' | 'state' | 'empty' | 'complete' | 'valid' | 'brand' | 'error' | 'code' | 'message';
      'cards-session:focus': 'channel';
      'cards-session:blur': 'channel';
      'cards-session:escape': 'channel';
      'cards-session:resize': 'channel' | 'height';
      'cards-session:help': 'channel' | 'open' | 'text';
    }>();
  });

  it('with the frame-bound messages and the 3-D Secure ones, are all of MessageName, each once', () => {
    // A new name must be classified here, and its payload pinned like the others.
    type ThreeDsName = keyof typeof THREE_DS;
    expectTypeOf<MessageName>().toEqualTypeOf<ParentBoundName | FrameBoundName | ThreeDsName>();
    expectTypeOf<ParentBoundName>().toEqualTypeOf<keyof typeof PARENT_BOUND>();
    expectTypeOf<FrameBoundName>().toEqualTypeOf<keyof typeof FRAME_BOUND>();
    expectTypeOf<Extract<ParentBoundName, FrameBoundName | ThreeDsName>>().toBeNever();
    expectTypeOf<Extract<FrameBoundName, ThreeDsName>>().toBeNever();
    // A 3-D Secure message carries its own name as its type.
    expectTypeOf<ThreeDsMessage['type']>().toEqualTypeOf<ThreeDsName>();
  });

  it('have no key that could hold the security code', () => {
    expectTypeOf<Extract<DeepKeys<ParentBoundPayloads[ParentBoundName]>, Forbidden>>().toBeNever();
  });

  it('have no index signature', () => {
    expectTypeOf<string>().not.toExtend<DeepKeys<ParentBoundPayloads[ParentBoundName]>>();
  });
});

describe('the replies the page receives', () => {
  it('answer exactly these requests; every other message for the frame is a command', () => {
    expectTypeOf<RequestName>().toEqualTypeOf<'cards-session:submit' | 'cards-session:focus-input'>();
    expectTypeOf<RequestName>().toEqualTypeOf<keyof typeof REPLIES>();
    expectTypeOf<RequestName>().toExtend<FrameBoundName>();
    expectTypeOf<CommandName | RequestName>().toEqualTypeOf<FrameBoundName>();
    expectTypeOf<Extract<CommandName, RequestName>>().toBeNever();
  });

  it('have no key that could hold the security code, and no index signature', () => {
    expectTypeOf<Extract<DeepKeys<Replies[RequestName]>, Forbidden>>().toBeNever();
    expectTypeOf<string>().not.toExtend<DeepKeys<Replies[RequestName]>>();
  });

  it('are the submit and focus replies, with exactly these keys at every depth', () => {
    expectTypeOf<Replies['cards-session:submit']>().toEqualTypeOf<SubmitReply>();
    expectTypeOf<Replies['cards-session:focus-input']>().toEqualTypeOf<FocusReply>();
    expectTypeOf<FocusReply>().toEqualTypeOf<{ focused: boolean }>();
    expectTypeOf<DeepKeys<SubmitReply>>().toEqualTypeOf<
      'ok' | 'result' | 'payment_request_id' | 'action_url' | 'message' | 'result_token' | 'error' | 'code'
    >();
    expectTypeOf<DeepKeys<PaymentResult>>().toEqualTypeOf<
      'payment_request_id' | 'action_url' | 'message' | 'result_token'
    >();
  });
});

describe('the 3-D Secure messages the page receives', () => {
  it('have exactly these keys', () => {
    expectTypeOf<DeepKeys<ThreeDsResult>>().toEqualTypeOf<'type' | 'payment_request_id' | 'status'>();
    expectTypeOf<DeepKeys<ThreeDsMessage>>().toEqualTypeOf<'type' | 'payment_request_id' | 'status'>();
    expectTypeOf<ThreeDsResult['status']>().toEqualTypeOf<'SUCCEEDED' | 'FAILED'>();
  });
});

describe('the field error codes', () => {
  it('are error codes', () => {
    expectTypeOf<FieldErrorCode>().toExtend<ErrorCode>();
    expectTypeOf<FieldErrorCode>().toEqualTypeOf<'INCOMPLETE_CVN' | 'INVALID_CVN' | 'TOO_MANY_ATTEMPTS'>();
  });
});

describe('frame-bound payloads', () => {
  it('are exactly these commands, with exactly these keys', () => {
    expectTypeOf<DeepKeysByName<FrameBoundPayloads>>().toEqualTypeOf<{
      'cards-session:submit': 'channel';
      'cards-session:update': 'channel' | 'options' | StyleKeys | 'placeholder' | 'ariaLabel' | 'disabled';
      'cards-session:focus-input': 'channel';
      'cards-session:blur-input': 'channel';
      'cards-session:clear-input': 'channel';
    }>();
  });
});

describe('DeepKeys', () => {
  it('finds nested and optional keys and ignores string members', () => {
    expectTypeOf<DeepKeys<{ a: string; b?: { c: { d: number[] } } }>>().toEqualTypeOf<'a' | 'b' | 'c' | 'd'>();
    expectTypeOf<DeepKeys<{ a: { cvn: string }[] }>>().toEqualTypeOf<'a' | 'cvn'>();
  });
});

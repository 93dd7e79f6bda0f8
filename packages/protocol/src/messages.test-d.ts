import { describe, expectTypeOf, it } from 'vitest';
import type { MessageName } from './messages';
import type {
  FrameBoundName,
  FrameBoundPayloads,
  ParentBoundName,
  ParentBoundPayloads,
  PaymentResult,
  SubmitReply,
  ThreeDsReady,
  ThreeDsResult,
} from './schema';
import type { StyleProperty, StyleVariant } from './styles';

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

  it('with the frame-bound message and the 3-D Secure result, are all of MessageName', () => {
    // A new name must be classified here, and its payload pinned like the others.
    expectTypeOf<MessageName>().toEqualTypeOf<
      ParentBoundName | FrameBoundName | ThreeDsResult['type'] | ThreeDsReady['type']
    >();
  });

  it('have no key that could hold the security code', () => {
    expectTypeOf<Extract<DeepKeys<ParentBoundPayloads[ParentBoundName]>, Forbidden>>().toBeNever();
  });

  it('have no index signature', () => {
    expectTypeOf<string>().not.toExtend<DeepKeys<ParentBoundPayloads[ParentBoundName]>>();
  });
});

describe('the submit reply the page receives', () => {
  it('has exactly these keys at every depth', () => {
    expectTypeOf<DeepKeys<SubmitReply>>().toEqualTypeOf<
      'ok' | 'result' | 'payment_request_id' | 'action_url' | 'message' | 'result_token' | 'error' | 'code'
    >();
    expectTypeOf<DeepKeys<PaymentResult>>().toEqualTypeOf<
      'payment_request_id' | 'action_url' | 'message' | 'result_token'
    >();
  });
});

describe('the 3-D Secure result the page receives', () => {
  it('has exactly these keys', () => {
    expectTypeOf<DeepKeys<ThreeDsResult>>().toEqualTypeOf<'type' | 'payment_request_id' | 'status'>();
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

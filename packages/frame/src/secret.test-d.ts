import { describe, expectTypeOf, it } from 'vitest';
import {
  MessageName,
  type ParentBoundName,
  type ParentBoundPayloads,
  type Replies,
  type RequestName,
  type SubmitReply,
} from '@cards-session/protocol';
import type { ParentLink } from './messaging';
import type { SecretCvn } from './secret';

/** Every property type of `T`, at any depth, objects included. */
type DeepValues<T> = T extends object ? { [K in keyof T]-?: T[K] | DeepValues<NonNullable<T[K]>> }[keyof T] : never;

type ParentBoundValues = DeepValues<ParentBoundPayloads[ParentBoundName]> | DeepValues<Replies[RequestName]>;

declare const secret: SecretCvn;
declare const link: ParentLink;

describe('SecretCvn', () => {
  it('is not a string', () => {
    expectTypeOf<SecretCvn>().not.toExtend<string>();
  });

  it('fits no field of any message to the page, at any depth', () => {
    expectTypeOf<SecretCvn>().not.toExtend<ParentBoundValues>();
  });

  it('fits none of the string fields, named one by one', () => {
    expectTypeOf<SecretCvn>().not.toExtend<ParentBoundPayloads[typeof MessageName.Ready]['channel']>();
    expectTypeOf<SecretCvn>().not.toExtend<ParentBoundPayloads[typeof MessageName.LoadError]['message']>();
    expectTypeOf<SecretCvn>().not.toExtend<ParentBoundPayloads[typeof MessageName.Change]['state']>();
    expectTypeOf<SecretCvn>().not.toExtend<
      NonNullable<ParentBoundPayloads[typeof MessageName.Change]['state']['error']>['message']
    >();
    expectTypeOf<SecretCvn>().not.toExtend<Extract<SubmitReply, { ok: true }>['result']['message']>();
    expectTypeOf<SecretCvn>().not.toExtend<Extract<SubmitReply, { ok: false }>['error']['message']>();
  });

  it('cannot be sent to the page by the frame messaging module', () => {
    // @ts-expect-error a SecretCvn is not a message text
    link.send(MessageName.LoadError, { version: 1, code: 'INVALID_CVN', message: secret });
    // @ts-expect-error no message has a cvn key
    link.send(MessageName.Focus, { cvn: secret });
    // @ts-expect-error nor has the state
    link.send(MessageName.Change, { state: { empty: false, complete: true, valid: true, brand: 'visa', cvn: secret } });
    expectTypeOf(link.send<typeof MessageName.Focus>)
      .parameter(1)
      .toEqualTypeOf<Record<string, never>>();
  });

  it('cannot be answered to the page by a handler of its messages', () => {
    // @ts-expect-error a submit reply's message is no SecretCvn
    link.on(MessageName.Submit, () => ({ ok: false, error: { code: 'INVALID_CVN', message: secret } }));
    // @ts-expect-error nor can a submit reply carry a cvn key
    link.on(MessageName.Submit, async () => ({ ok: false, error: { code: 'INVALID_CVN', message: '' }, cvn: secret }));
    // @ts-expect-error a command answers nothing
    link.on(MessageName.ClearInput, () => secret);
    // @ts-expect-error nor does a focus request answer more than whether it took
    link.on(MessageName.FocusInput, () => ({ focused: true, cvn: secret }));
    // @ts-expect-error any key the reply lacks, whatever it holds
    link.on(MessageName.FocusInput, () => ({ focused: true, digits: '123' }));
    link.on(MessageName.FocusInput, () => ({ focused: true }));
    link.on(MessageName.Submit, async () => ({
      ok: true,
      result: { payment_request_id: 'pr_1', action_url: 'https://gw.example/3ds', message: '', result_token: 'a.b.c' },
    }));
    link.on(MessageName.ClearInput, () => undefined);
  });
});

import { MessageName, PROTOCOL_VERSION, type PaymentResult, type SubmitReply } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, serveBlankFrames } from './messaging.fake';
import { CardsSessionError } from './errors';
import { CardsSession, DEFAULT_GATEWAY_ORIGIN, init, initWithGateway } from './session';
import * as threeDs from './three-ds';

vi.mock('./messaging', () => import('./messaging.fake'));

const result: PaymentResult = {
  payment_request_id: 'pr_1',
  action_url: 'https://acs.bank.example/3ds/pr_1',
  message: 'Authenticate the payment',
  result_token: 'h.p.s',
};

async function readySession() {
  const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: 'https://gw.example' });
  const container = document.createElement('div');
  document.body.append(container);
  const field = session.createField('cvn');
  const mounting = field.mount(container);
  const frame = fake.last();
  frame.say(MessageName.Ready, { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 44 });
  await mounting;
  const answer = (reply: SubmitReply) => {
    frame.reply = () => Promise.resolve(reply);
  };
  return { session, field, frame, answer };
}

serveBlankFrames();

beforeEach(() => {
  fake.reset();
});

afterEach(() => {
  document.body.replaceChildren();
});

describe('init', () => {
  it('defaults to the local sandbox gateway', () => {
    expect(init({ paymentSessionId: 'ps_1' })).toBeInstanceOf(CardsSession);
    expect(DEFAULT_GATEWAY_ORIGIN).toBe('http://localhost:4400');
  });

  it('refuses bad options at the call', () => {
    expect(() => init({ paymentSessionId: '' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

describe('CardsSession.createField', () => {
  it("refuses any type but 'cvn'", () => {
    const session = init({ paymentSessionId: 'ps_1' });
    expect(() => session.createField('card' as 'cvn')).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        message: 'createField(type): expected "cvn", received "card"',
      }),
    );
  });

  it('validates the field options', () => {
    const session = init({ paymentSessionId: 'ps_1' });
    expect(() => session.createField('cvn', { placeholder: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });

  it('forgets destroyed fields, so creating and destroying many holds no memory', () => {
    const session = init({ paymentSessionId: 'ps_1' });
    const live = session.createField('cvn');
    for (let i = 0; i < 50; i++) session.createField('cvn').destroy();
    session.createField('cvn');
    const fields = (session as unknown as { fields: Set<unknown> }).fields;
    expect(fields.size).toBe(2);
    expect(fields.has(live)).toBe(true);
  });
});

describe('CardsSession.submit', () => {
  it('rejects FIELD_NOT_READY without a field, and before the field is ready', async () => {
    const session = init({ paymentSessionId: 'ps_1' });
    await expect(session.submit()).rejects.toMatchObject({ code: 'FIELD_NOT_READY', type: 'merchant' });
    const container = document.createElement('div');
    document.body.append(container);
    const mounting = session.createField('cvn').mount(container);
    await expect(session.submit()).rejects.toMatchObject({ code: 'FIELD_NOT_READY' });
    expect(fake.last().submits).toEqual([]);
    fake.last().say(MessageName.LoadError, { version: 1, code: 'SESSION_EXPIRED', message: 'expired' });
    await expect(mounting).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('resolves with the result of an ok reply', async () => {
    const { session, frame, answer } = await readySession();
    answer({ ok: true, result });
    await expect(session.submit()).resolves.toEqual(result);
    expect(frame.submits).toEqual([60_000]);
  });

  it("rejects with the reply's code and message on an error reply", async () => {
    const { session, answer } = await readySession();
    answer({ ok: false, error: { code: 'INVALID_CVN', message: 'The security code is wrong' } });
    await expect(session.submit()).rejects.toMatchObject({
      name: 'CardsSessionError',
      code: 'INVALID_CVN',
      type: 'customer',
      message: 'The security code is wrong',
    });
  });

  it.each(['javascript:alert(1)', 'http://acs.bank.example/3ds', '/v1/3ds/pr_1', 'data:text/html,x'])(
    'rejects UNSAFE_ACTION_URL when the reply carries the action_url %s',
    async (action_url) => {
      const { session, answer } = await readySession();
      answer({ ok: true, result: { ...result, action_url } });
      await expect(session.submit()).rejects.toMatchObject({ code: 'UNSAFE_ACTION_URL' });
    },
  );

  it('passes on a messaging failure', async () => {
    const { session, frame } = await readySession();
    frame.reply = () => Promise.reject(Object.assign(new Error('did not answer'), { code: 'NETWORK_ERROR' }));
    await expect(session.submit()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('joins a second call to the running one, and runs anew after it settles', async () => {
    const { session, frame, answer } = await readySession();
    answer({ ok: true, result });
    const first = session.submit();
    expect(session.submit()).toBe(first);
    await first;
    await session.submit();
    expect(frame.submits).toHaveLength(2);
  });

  it('uses a ready field and skips a destroyed one', async () => {
    const a = await readySession();
    a.field.destroy();
    await expect(a.session.submit()).rejects.toMatchObject({ code: 'FIELD_NOT_READY' });
  });
});

describe('CardsSession.authenticate', () => {
  it('refuses an unsafe action_url before navigating', async () => {
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: 'https://gw.example' });
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    await expect(session.authenticate({ ...result, action_url: 'javascript:alert(1)' })).rejects.toMatchObject({
      code: 'UNSAFE_ACTION_URL',
    });
    await expect(session.authenticate(null as never)).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(session.authenticate(result, { mode: 'popup' as 'redirect' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    expect(assign).not.toHaveBeenCalled();
    const redirects: unknown[] = [];
    session.on('redirect', (e) => redirects.push(e));
    void session.authenticate(result);
    await vi.waitFor(() => expect(assign).toHaveBeenCalledExactlyOnceWith('https://acs.bank.example/3ds/pr_1'));
    expect(redirects).toEqual([{ url: 'https://acs.bank.example/3ds/pr_1', reason: 'requested' }]);
    assign.mockRestore();
  });
});

describe('CardsSession.authenticate in a modal', () => {
  const gateway = 'https://gw.example';
  const modalResult = { ...result, action_url: `${gateway}/v1/3ds/pr_1` };
  const post = (data: unknown, origin = gateway, source: Window | null = frame()) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  const frame = () => document.querySelector<HTMLIFrameElement>('.cs-3ds iframe')?.contentWindow ?? null;
  /** Starts a modal challenge and waits for its overlay: the modal's code loads on first use. */
  async function openModal(session: CardsSession) {
    const done = session.authenticate(modalResult, { mode: 'modal' });
    await vi.waitFor(() => expect(document.querySelector('.cs-3ds')).not.toBeNull());
    return { done };
  }

  it('frames the challenge with the page origin and resolves with the checked outcome', async () => {
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const { done } = await openModal(session);
    const iframe = document.querySelector<HTMLIFrameElement>('.cs-3ds iframe');
    const src = new URL(iframe?.src ?? '');
    expect(src.searchParams.get('mode')).toBe('modal');
    expect(src.searchParams.get('origin')).toBe(location.origin);
    expect(iframe?.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-same-origin');
    expect(document.querySelector('.cs-3ds')?.getAttribute('role')).toBe('dialog');
    const outcome = { type: 'cards-session:3ds-result', payment_request_id: 'pr_1', status: 'SUCCEEDED' };
    post(outcome, 'https://evil.example');
    post(outcome, gateway, window);
    post({ ...outcome, payment_request_id: 'pr_2' });
    post({ ...outcome, status: 'MAYBE' });
    post('{"type":"cards-session:3ds-result"}');
    expect(document.querySelector('.cs-3ds')).not.toBeNull();
    post(outcome);
    await expect(done).resolves.toEqual({ payment_request_id: 'pr_1', status: 'SUCCEEDED' });
    expect(document.querySelector('.cs-3ds')).toBeNull();
  });

  it('makes the page behind it inert while it shows, and restores it', async () => {
    const before = document.createElement('main');
    const alreadyInert = document.createElement('aside');
    alreadyInert.inert = true;
    document.body.append(before, alreadyInert);
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const { done } = await openModal(session);
    expect(before.inert).toBe(true);
    expect((document.querySelector('.cs-3ds') as HTMLElement).inert).toBe(false);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await done;
    expect(before.inert).toBe(false);
    expect(alreadyInert.inert).toBe(true);
    before.remove();
    alreadyInert.remove();
  });

  it('resolves CANCELED when the shopper presses Escape', async () => {
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const { done } = await openModal(session);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await expect(done).resolves.toEqual({ payment_request_id: 'pr_1', status: 'CANCELED' });
  });

  it('falls back to a redirect, and says so, when the challenge never shows', async () => {
    vi.useFakeTimers();
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const redirects: unknown[] = [];
    session.on('redirect', (e) => redirects.push(e));
    void (await openModal(session)).done;
    await vi.advanceTimersByTimeAsync(threeDs.MODAL_READY_TIMEOUT + 1);
    expect(document.querySelector('.cs-3ds')).toBeNull();
    expect(redirects).toEqual([{ url: modalResult.action_url, reason: 'modal-unavailable' }]);
    expect(assign).toHaveBeenCalledExactlyOnceWith(modalResult.action_url);
    assign.mockRestore();
    vi.useRealTimers();
  });

  it('moves focus into the challenge once it is showing, not while its document loads', async () => {
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const { done } = await openModal(session);
    const iframe = document.querySelector('.cs-3ds iframe');
    expect(document.activeElement).not.toBe(iframe);
    post({ type: 'cards-session:3ds-ready' });
    expect(document.activeElement).toBe(iframe);
    post({ type: 'cards-session:3ds-result', payment_request_id: 'pr_1', status: 'SUCCEEDED' });
    await expect(done).resolves.toEqual({ payment_request_id: 'pr_1', status: 'SUCCEEDED' });
  });

  it('stays when the challenge says it is showing', async () => {
    vi.useFakeTimers();
    const session = init({ paymentSessionId: 'ps_1', gatewayOrigin: gateway });
    const { done } = await openModal(session);
    post({ type: 'cards-session:3ds-ready' });
    await vi.advanceTimersByTimeAsync(threeDs.MODAL_READY_TIMEOUT + 1);
    expect(document.querySelector('.cs-3ds')).not.toBeNull();
    post({ type: 'cards-session:3ds-result', payment_request_id: 'pr_1', status: 'FAILED' });
    await expect(done).resolves.toEqual({ payment_request_id: 'pr_1', status: 'FAILED' });
    vi.useRealTimers();
  });

  it('loads the modal code only for a modal challenge; a failed load rejects NETWORK_ERROR, and a retry works', async () => {
    const failure = new CardsSessionError('NETWORK_ERROR', 'the 3-D Secure code could not be loaded');
    const load = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(threeDs);
    const tooltips = vi.fn();
    const session = initWithGateway({ paymentSessionId: 'ps_1' }, gateway, { tooltips, threeDs: load });
    const redirects: unknown[] = [];
    session.on('redirect', (e) => redirects.push(e));
    await expect(session.authenticate(modalResult, { mode: 'modal' })).rejects.toBe(failure);
    expect(load).toHaveBeenCalledOnce();
    // No overlay, no redirect: the merchant decides (a retry, or the redirect mode).
    expect(document.querySelector('.cs-3ds')).toBeNull();
    expect(redirects).toEqual([]);
    const { done } = await openModal(session);
    expect(load).toHaveBeenCalledTimes(2);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await expect(done).resolves.toEqual({ payment_request_id: 'pr_1', status: 'CANCELED' });
    expect(tooltips).not.toHaveBeenCalled();
  });

  it('does not load the modal code for a redirect, nor for a refused action_url', async () => {
    const load = vi.fn().mockResolvedValue(threeDs);
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    const session = initWithGateway({ paymentSessionId: 'ps_1' }, gateway, { tooltips: vi.fn(), threeDs: load });
    await expect(
      session.authenticate({ ...modalResult, action_url: 'javascript:alert(1)' }, { mode: 'modal' }),
    ).rejects.toMatchObject({ code: 'UNSAFE_ACTION_URL' });
    void session.authenticate(modalResult);
    await vi.waitFor(() => expect(assign).toHaveBeenCalledOnce());
    expect(load).not.toHaveBeenCalled();
    assign.mockRestore();
  });
});

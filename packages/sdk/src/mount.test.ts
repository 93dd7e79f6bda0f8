import { MessageName, PROTOCOL_VERSION, type CardBrand, type SubmitReply } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CvnField } from './field';
import { fake, loadTooltips, serveBlankFrames } from './messaging.fake';
import type { ResolvedInit } from './options';

vi.mock('./messaging', () => import('./messaging.fake'));

// What happens to a mounted field when the browser replaces its frame: a framework moving the
// container gives the iframe a new window (played here by swapping `contentWindow` and firing
// `load`, as the browser does); a reload keeps the window and says `ready` again.
const init: ResolvedInit = {
  paymentSessionId: 'ps_1',
  locale: 'en',
  gatewayOrigin: 'https://gw.example',
  readyTimeout: 5000,
};
const empty = { empty: true, complete: false, valid: false, brand: 'visa' as CardBrand };
const complete = { empty: false, complete: true, valid: true, brand: 'visa' as CardBrand };
const ok: SubmitReply = {
  ok: true,
  result: { payment_request_id: 'pr_1', action_url: 'https://gw.example/3ds', message: '', result_token: 't' },
};

serveBlankFrames();

async function typed() {
  const container = document.createElement('div');
  document.body.append(container);
  const field = new CvnField(init, { placeholder: 'CVC' }, loadTooltips);
  const events: [string, unknown][] = [];
  for (const name of ['ready', 'change', 'error'] as const) field.on(name, (p) => events.push([name, p]));
  const mounting = field.mount(container);
  const frame = fake.last();
  frame.say(MessageName.Ready, { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 44 });
  await mounting;
  frame.say(MessageName.Change, { state: complete });
  events.length = 0;
  const iframe = container.querySelector('iframe') as HTMLIFrameElement;
  return { container, field, frame, iframe, events };
}

/** The browser gives the iframe a new window and loads the frame into it. */
function replaceWindow(iframe: HTMLIFrameElement): Window {
  const other = document.body.appendChild(document.createElement('iframe')).contentWindow as Window;
  Object.defineProperty(iframe, 'contentWindow', { configurable: true, get: () => other });
  return other;
}

const sayReady = (frame: ReturnType<typeof fake.last>) =>
  frame.say(MessageName.Ready, { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 44 });

beforeEach(() => fake.reset());
afterEach(() => document.body.replaceChildren());

describe('a field whose frame the browser replaced', () => {
  it('re-binds to the new window at its load, reports the reset state, and pays again', async () => {
    const { field, frame, iframe, events, container } = await typed();
    const old = frame.win;
    const next = replaceWindow(iframe);
    iframe.dispatchEvent(new Event('load'));
    expect(frame.win).toBe(next);
    expect(frame.windows).toEqual([old]);
    expect(events).toEqual([['change', empty]]);
    expect(field.state).toEqual(empty);
    expect(container.classList.contains('cs-field--loading')).toBe(true);
    await expect(field.requestSubmit(1000)).rejects.toMatchObject({ code: 'FIELD_NOT_READY' });

    sayReady(frame);
    expect(events).toEqual([['change', empty]]);
    expect(container.classList.contains('cs-field--loading')).toBe(false);
    frame.reply = () => Promise.resolve(ok);
    await expect(field.requestSubmit(1000)).resolves.toEqual(ok);
  });

  it('notices the new window at submit, before its load, and says the field is loading again', async () => {
    const { field, frame, iframe, events } = await typed();
    const next = replaceWindow(iframe);
    await expect(field.requestSubmit(1000)).rejects.toMatchObject({
      code: 'FIELD_NOT_READY',
      message: 'submit: the payment field is loading again',
    });
    expect(frame.win).toBe(next);
    expect(frame.submits).toEqual([]);
    expect(events).toEqual([['change', empty]]);
  });

  it('gives the new frame every option changed since mount, and no second ready event', async () => {
    const { field, frame, iframe, events } = await typed();
    field.update({ disabled: true, style: { base: { color: 'red' } } });
    frame.commands.length = 0;
    replaceWindow(iframe);
    iframe.dispatchEvent(new Event('load'));
    sayReady(frame);
    expect(frame.commands).toEqual([
      {
        name: MessageName.Update,
        payload: { options: { style: { base: { color: 'red' } }, placeholder: 'CVC', disabled: true } },
      },
    ]);
    expect(events.map(([name]) => name)).toEqual(['change']);
  });

  it('rejects a submit in flight with NETWORK_ERROR when the frame reloads in place', async () => {
    const { field, frame, events } = await typed();
    const submitting = field.requestSubmit(1000);
    sayReady(frame);
    await expect(submitting).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: 'The payment field was reloaded before it answered',
    });
    expect(events).toEqual([['change', empty]]);
    expect(frame.commands).toEqual([]);
  });

  it('emits error and unmounts when the replacement is refused', async () => {
    const { field, frame, iframe, events, container } = await typed();
    replaceWindow(iframe);
    iframe.dispatchEvent(new Event('load'));
    frame.say(MessageName.LoadError, { version: 1, code: 'SESSION_NOT_ACTIVE', message: 'completed' });
    expect(events.map(([name, p]) => [name, (p as { code?: string }).code])).toEqual([
      ['change', undefined],
      ['error', 'SESSION_NOT_ACTIVE'],
    ]);
    expect(container.querySelector('iframe')).toBeNull();
    expect(frame.closed).toBe(true);
    expect(field.state).toBeNull();
  });

  it('emits FRAME_NOT_RESPONDING when the replacement loads and never speaks', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { frame, iframe, events } = await typed();
      replaceWindow(iframe);
      iframe.dispatchEvent(new Event('load'));
      await vi.advanceTimersByTimeAsync(1500);
      expect(events.at(-1)?.[0]).toBe('error');
      expect(events.at(-1)?.[1]).toMatchObject({ code: 'FRAME_NOT_RESPONDING' });
      expect(frame.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a mounted field', () => {
  it('tells change only when the coarse state changes', async () => {
    const { frame, events } = await typed();
    frame.say(MessageName.Change, { state: complete });
    frame.say(MessageName.Change, { state: { ...complete } });
    expect(events).toEqual([]);
    frame.say(MessageName.Change, { state: empty });
    expect(events).toEqual([['change', empty]]);
  });

  it('rejects a submit in flight with FIELD_STATE when unmounted', async () => {
    const { field } = await typed();
    const submitting = field.requestSubmit(1000);
    field.unmount();
    await expect(submitting).rejects.toMatchObject({ code: 'FIELD_STATE' });
  });

  it('refuses a submit once its container left the page', async () => {
    const { field, container, frame } = await typed();
    container.remove();
    await expect(field.requestSubmit(1000)).rejects.toMatchObject({
      code: 'FIELD_NOT_READY',
      message: 'submit: the payment field is not in the page',
    });
    expect(frame.submits).toEqual([]);
  });
});

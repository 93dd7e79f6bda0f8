import { MessageName, PROTOCOL_VERSION, type CardBrand } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CvnField } from './field';
import { fake, serveBlankFrames, loadTooltips } from './messaging.fake';
import type { ResolvedInit } from './options';

vi.mock('./messaging', () => import('./messaging.fake'));

const init: ResolvedInit = {
  paymentSessionId: 'ps_1',
  locale: null,
  gatewayOrigin: 'https://gw.example',
  readyTimeout: 1000,
};
const visa = { empty: true, complete: false, valid: false, brand: 'visa' as CardBrand };

function setup() {
  const container = document.createElement('div');
  document.body.append(container);
  return { container, field: new CvnField(init, {}, loadTooltips) };
}

function ready() {
  fake.last().say(MessageName.Ready, { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 52 });
}

async function mounted() {
  const { container, field } = setup();
  const mounting = field.mount(container);
  ready();
  await mounting;
  return { container, field, frame: fake.last(), iframe: container.querySelector('iframe') };
}

/** A post-robot download the test finishes when it wants. */
function slowLoad(): () => Promise<void> {
  let finish!: () => void;
  fake.loading = new Promise<void>((resolve) => (finish = resolve));
  return async () => {
    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
}

serveBlankFrames();

beforeEach(() => {
  fake.reset();
});

afterEach(() => {
  document.body.replaceChildren();
});

describe('a mounted CvnField', () => {
  it('follows change messages with its state, its classes and change events', async () => {
    const { field, frame, container } = await mounted();
    const changes = vi.fn();
    field.on('change', changes);
    const complete = { empty: false, complete: true, valid: true, brand: 'visa' as CardBrand };
    frame.say(MessageName.Change, { state: complete });
    expect(changes).toHaveBeenLastCalledWith(complete);
    expect(field.state).toEqual(complete);
    expect([...container.classList]).toEqual(['cs-field', 'cs-field--complete']);
    const error = { code: 'INCOMPLETE_CVN' as const, message: 'x' };
    frame.say(MessageName.Change, { state: { ...visa, empty: false, error } });
    expect([...container.classList]).toEqual(['cs-field', 'cs-field--invalid']);
    frame.say(MessageName.Change, { state: visa });
    expect([...container.classList]).toEqual(['cs-field', 'cs-field--empty']);
    expect(changes).toHaveBeenCalledTimes(3);
  });

  it('emits focus, blur and escape, and follows the frame height', async () => {
    const { field, frame, container, iframe } = await mounted();
    const calls: string[] = [];
    for (const name of ['focus', 'blur', 'escape'] as const) field.on(name, () => calls.push(name));
    frame.say(MessageName.Focus, {});
    expect(container.classList.contains('cs-field--focus')).toBe(true);
    frame.say(MessageName.Blur, {});
    expect(container.classList.contains('cs-field--focus')).toBe(false);
    frame.say(MessageName.Escape, {});
    frame.say(MessageName.Resize, { height: 90 });
    expect(calls).toEqual(['focus', 'blur', 'escape']);
    expect(iframe?.style.height).toBe('90px');
  });

  it('emits no change before ready', async () => {
    const { container, field } = setup();
    const changes = vi.fn();
    field.on('change', changes);
    const mounting = field.mount(container);
    fake.last().say(MessageName.Change, { state: { ...visa, empty: false } });
    expect(changes).not.toHaveBeenCalled();
    ready();
    await mounting;
    expect(changes).toHaveBeenCalledExactlyOnceWith(visa);
  });

  it('destroy removes the frame, closes the link and silences every handler', async () => {
    const { field, frame, container } = await mounted();
    const handler = vi.fn();
    for (const name of ['change', 'focus', 'error'] as const) field.on(name, handler);
    field.destroy();
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.className).toBe('');
    expect(frame.closed).toBe(true);
    frame.say(MessageName.Focus, {});
    frame.handlers[MessageName.Change]({ channel: frame.channel, state: visa });
    frame.handlers[MessageName.Focus]({ channel: frame.channel });
    expect(handler).not.toHaveBeenCalled();
    await expect(field.requestSubmit(1000)).rejects.toMatchObject({ code: 'FIELD_NOT_READY' });
  });

  it('can be unmounted and mounted again on a new channel', async () => {
    const { field, frame, container } = await mounted();
    field.unmount();
    expect(frame.closed).toBe(true);
    expect(field.state).toBeNull();
    const mounting = field.mount(container);
    ready();
    await mounting;
    expect(fake.frames).toHaveLength(2);
    expect(fake.last().channel).not.toBe(frame.channel);
    expect(container.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('keeps two fields apart', async () => {
    const a = await mounted();
    const b = await mounted();
    const changes = vi.fn();
    b.field.on('change', changes);
    expect(a.frame.channel).not.toBe(b.frame.channel);
    a.frame.say(MessageName.Change, { state: { ...visa, empty: false } });
    expect(changes).not.toHaveBeenCalled();
    expect(b.container.classList.contains('cs-field--empty')).toBe(true);
    a.field.destroy();
    expect(b.container.querySelector('iframe')).not.toBeNull();
    expect(b.frame.closed).toBe(false);
  });
});

describe('CvnField.update', () => {
  it('sends a change to a ready frame, and holds changes made while mounting until ready', async () => {
    const { container, field } = setup();
    const mounting = field.mount(container);
    field.update({ placeholder: 'CVC' });
    field.update({ disabled: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const frame = fake.last();
    expect(frame.commands).toEqual([]);
    ready();
    await mounting;
    expect(frame.commands).toEqual([
      { name: MessageName.Update, payload: { options: { placeholder: 'CVC', disabled: true } } },
    ]);
    field.update({ disabled: false });
    expect(frame.commands.at(-1)).toEqual({ name: MessageName.Update, payload: { options: { disabled: false } } });
    expect(frame.commands).toHaveLength(2);
  });

  it('shapes the next mount when called while unmounted, and refuses creation-only options', async () => {
    const { field, container, frame } = await mounted();
    field.unmount();
    field.update({ placeholder: 'Kode' });
    expect(frame.commands).toEqual([]);
    void field.mount(container);
    expect(container.querySelector('iframe')?.getAttribute('src')).toContain('Kode');
    expect(() => field.update({ help: true } as never)).toThrow('update options.help');
  });
});

describe('a CvnField taken down while it mounts', () => {
  it('rejects the pending mount with FIELD_STATE, without an error event', async () => {
    const { container, field } = setup();
    const errors = vi.fn();
    field.on('error', errors);
    const mounting = field.mount(container);
    field.unmount();
    await expect(mounting).rejects.toMatchObject({
      code: 'FIELD_STATE',
      message: 'mount: the field was unmounted before it was ready',
    });
    expect(errors).not.toHaveBeenCalled();
    expect(fake.last().closed).toBe(true);
  });

  it('inserts no frame when destroyed before post-robot has loaded', async () => {
    const { container, field } = setup();
    const finishLoading = slowLoad();
    const mounting = field.mount(container);
    field.destroy();
    const outcome = expect(mounting).rejects.toMatchObject({ code: 'FIELD_STATE' });
    await finishLoading();
    await outcome;
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.className).toBe('');
    expect(fake.frames).toHaveLength(0);
  });

  it('leaves a later mount alone when the earlier one finishes loading', async () => {
    const { container, field } = setup();
    const finishFirst = slowLoad();
    const first = field.mount(container);
    field.unmount();
    fake.loading = null;
    const second = field.mount(container);
    const frame = fake.last();
    const outcome = expect(first).rejects.toMatchObject({ code: 'FIELD_STATE' });
    await finishFirst();
    await outcome;
    ready();
    await expect(second).resolves.toBeUndefined();
    expect(container.querySelectorAll('iframe')).toHaveLength(1);
    expect(fake.frames).toEqual([frame]);
    expect(frame.closed).toBe(false);
  });

  it('closes a link that arrives after the mount failed', async () => {
    const { container, field } = setup();
    const mounting = field.mount(container);
    fake.last().say(MessageName.LoadError, { version: 1, code: 'SESSION_EXPIRED', message: 'expired' });
    await expect(mounting).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(fake.last().closed).toBe(true);
  });
});

import { MessageName, PROTOCOL_VERSION, type CardBrand } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CvnField } from './field';
import { fake, loadTooltips, serveBlankFrames } from './messaging.fake';
import type { ResolvedInit } from './options';

vi.mock('./messaging', () => import('./messaging.fake'));

const init: ResolvedInit = {
  paymentSessionId: 'ps_1',
  locale: 'id',
  gatewayOrigin: 'https://gw.example',
  readyTimeout: 1000,
};
const visa = { empty: true, complete: false, valid: false, brand: 'visa' as CardBrand };

function setup(config: Partial<ResolvedInit> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  return { container, field: new CvnField({ ...init, ...config }, { placeholder: '123' }, loadTooltips) };
}

function ready(version = PROTOCOL_VERSION) {
  fake.last().say(MessageName.Ready, { version, brand: 'visa', locale: 'id', height: 52 });
}

async function mounted() {
  const { container, field } = setup();
  const mounting = field.mount(container);
  ready();
  await mounting;
  return { container, field, frame: fake.last(), iframe: container.querySelector('iframe') };
}

const requested = serveBlankFrames();

beforeEach(() => {
  fake.reset();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('CvnField.mount', () => {
  it('inserts the frame, resolves on ready and emits ready, then the first change', async () => {
    const { container, field } = setup();
    const seen: unknown[] = [];
    field.on('ready', (p) => seen.push(['ready', p, field.state]));
    field.on('change', (s) => seen.push(['change', s]));
    const mounting = field.mount(container);
    const frame = fake.last();
    const iframe = container.querySelector('iframe');
    expect(iframe?.getAttribute('src')).toBe(
      `https://gw.example/v1/frames/cvn?session=ps_1&origin=${encodeURIComponent(location.origin)}#channel=${frame.channel}&v=1&locale=id&options=${encodeURIComponent(JSON.stringify({ placeholder: '123' }))}`,
    );
    expect(iframe?.title).toBe('Input aman untuk kode keamanan kartu');
    expect(frame.win).toBe(iframe?.contentWindow);
    await vi.waitFor(() => expect(requested).toEqual([iframe?.src]));
    expect(frame.origin).toBe('https://gw.example');
    expect(frame.channel).toMatch(/^[0-9a-f]{32}$/);
    expect(field.state).toBeNull();
    ready();
    await expect(mounting).resolves.toBeUndefined();
    expect(seen).toEqual([
      ['ready', { brand: 'visa' }, visa],
      ['change', visa],
    ]);
    expect(field.state).toEqual(visa);
    expect(iframe?.style.height).toBe('52px');
    expect([...container.classList]).toEqual(['cs-field', 'cs-field--empty']);
  });

  it('rejects with the code of a load error, emits it and removes the frame', async () => {
    const { container, field } = setup();
    const errors = vi.fn();
    field.on('error', errors);
    const mounting = field.mount(container);
    fake.last().say(MessageName.LoadError, { version: 1, code: 'ORIGIN_NOT_ALLOWED', message: 'not allowed here' });
    await expect(mounting).rejects.toMatchObject({
      name: 'CardsSessionError',
      code: 'ORIGIN_NOT_ALLOWED',
      message: 'not allowed here',
    });
    expect(errors).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'ORIGIN_NOT_ALLOWED' }));
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.className).toBe('');
    expect(fake.last().closed).toBe(true);
  });

  it('rejects a frame that speaks another protocol version', async () => {
    const { container, field } = setup();
    const mounting = field.mount(container);
    ready(PROTOCOL_VERSION + 1);
    await expect(mounting).rejects.toMatchObject({ code: 'VERSION_MISMATCH', type: 'internal' });
    expect(container.querySelector('iframe')).toBeNull();
  });

  it('rejects FRAME_LOAD_TIMEOUT when no ready comes within readyTimeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { container, field } = setup({ readyTimeout: 100 });
    const errors = vi.fn();
    field.on('error', errors);
    const mounting = field.mount(container);
    const outcome = expect(mounting).rejects.toMatchObject({ code: 'FRAME_LOAD_TIMEOUT', type: 'network' });
    await vi.advanceTimersByTimeAsync(99);
    expect(errors).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(errors).toHaveBeenCalledOnce();
    expect(container.querySelector('iframe')).toBeNull();
    ready();
    expect(field.state).toBeNull();
  });

  it('rejects INTERNAL_ERROR when the messaging layer fails to load', async () => {
    const { container, field } = setup();
    fake.failure = new Error('chunk failed');
    await expect(field.mount(container)).rejects.toMatchObject({ code: 'INTERNAL_ERROR', cause: fake.failure });
  });

  it('refuses a second mount and a mount after destroy with FIELD_STATE', async () => {
    const { field, container } = await mounted();
    await expect(field.mount(container)).rejects.toMatchObject({
      code: 'FIELD_STATE',
      message: 'mount: the field is already mounted',
    });
    field.destroy();
    await expect(field.mount(container)).rejects.toMatchObject({
      code: 'FIELD_STATE',
      message: 'mount: the field is destroyed',
    });
    expect(fake.frames).toHaveLength(1);
  });

  it('refuses a missing target and stays mountable', async () => {
    const { field, container } = setup();
    await expect(field.mount('#nowhere')).rejects.toMatchObject({ code: 'MOUNT_TARGET_NOT_FOUND' });
    const mounting = field.mount(container);
    ready();
    await expect(mounting).resolves.toBeUndefined();
  });
});

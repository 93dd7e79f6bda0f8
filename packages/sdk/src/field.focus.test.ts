import { MessageName, PROTOCOL_VERSION } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CvnField } from './field';
import { fake, loadTooltips, serveBlankFrames } from './messaging.fake';
import type { ResolvedInit } from './options';

vi.mock('./messaging', () => import('./messaging.fake'));

const init: ResolvedInit = {
  paymentSessionId: 'ps_1',
  locale: null,
  gatewayOrigin: 'https://gw.example',
  readyTimeout: 1000,
};

async function mounted() {
  const container = document.createElement('div');
  container.id = 'cvn';
  const label = document.createElement('label');
  label.htmlFor = 'cvn';
  label.textContent = 'Security code';
  document.body.append(label, container);
  const field = new CvnField(init, {}, loadTooltips);
  const mounting = field.mount(container);
  fake.last().say(MessageName.Ready, { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 52 });
  await mounting;
  const iframe = container.querySelector('iframe') as HTMLIFrameElement;
  return { container, label, field, frame: fake.last(), iframe };
}

const focusRequests = () => fake.last().commands.filter((c) => c.name === MessageName.FocusInput);

serveBlankFrames();
beforeEach(() => fake.reset());
afterEach(() => document.body.replaceChildren());

describe('CvnField.focus', () => {
  it("focuses the iframe, asks the frame, and resolves the frame's answer", async () => {
    const { field, frame, iframe } = await mounted();
    await expect(field.focus()).resolves.toBe(true);
    expect(document.activeElement).toBe(iframe);
    frame.focusReply = () => Promise.resolve(false);
    await expect(field.focus()).resolves.toBe(false);
    expect(focusRequests()).toHaveLength(2);
  });

  it('resolves false before ready, without asking; throws FIELD_STATE once destroyed', async () => {
    const field = new CvnField(init, {}, loadTooltips);
    await expect(field.focus()).resolves.toBe(false);
    const container = document.createElement('div');
    document.body.append(container);
    void field.mount(container).catch(() => undefined);
    await expect(field.focus()).resolves.toBe(false);
    expect(focusRequests()).toEqual([]);
    field.destroy();
    expect(() => field.focus()).toThrow(expect.objectContaining({ code: 'FIELD_STATE' }));
  });

  it("is what a click on the merchant's <label for> or on the container around the frame does", async () => {
    const { container, label, iframe } = await mounted();
    label.click();
    expect(focusRequests()).toHaveLength(1);
    container.click();
    expect(focusRequests()).toHaveLength(2);
    // A click that only passes through the container (on the frame element) is the frame's own.
    iframe.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(focusRequests()).toHaveLength(2);
  });

  it('stops listening to the label and the container once unmounted', async () => {
    const { container, label, field } = await mounted();
    field.unmount();
    label.click();
    container.click();
    expect(focusRequests()).toEqual([]);
  });
});

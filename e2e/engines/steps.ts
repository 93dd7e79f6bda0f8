import { expect } from '@playwright/test';
import { PAGE, type Json, type Scope, type Shopper } from './shopper';

// What a shopper does and sees on the example shop, in terms of the Shopper interface: the
// same steps for every engine. They read what the pages show, not how the shop works inside.

/** The hosted CVN field's frame. */
export const CVN: Scope = { frame: '#cvn iframe' };
/** The 3-D Secure challenge in the SDK's modal. */
export const CHALLENGE: Scope = { frame: '.cs-3ds iframe' };

/** Evaluates, reading a failure (a frame that is gone, a page navigating away) as `null`, for polling. */
export function look<R, A extends Json | undefined = undefined>(
  shopper: Shopper,
  scope: Scope,
  fn: (arg: A) => R | Promise<R>,
  arg?: A,
): Promise<R | null> {
  return shopper.evaluate(scope, fn, arg).catch(() => null);
}

/** Whether `selector` matches something in the page. */
export const has = (shopper: Shopper, selector: string, scope: Scope = PAGE) =>
  look(shopper, scope, (s) => document.querySelector(s) !== null, selector);

/** The script-tag checkout, with a test card, 3-D Secure mode and field design, once its field is ready. */
export async function openCheckout(
  shopper: Shopper,
  card?: string,
  threeDs: 'modal' | 'redirect' = 'modal',
  design?: string,
) {
  const query = new URLSearchParams({
    ...(card && { card }),
    ...(threeDs === 'redirect' && { '3ds': 'redirect' }),
    ...(design && { design }),
  });
  await shopper.goto(`/?${query}`);
  await expect.poll(() => has(shopper, 'main[data-ready="true"]')).toBe(true);
}

/** The React SPA's checkout with a saved (test) card, once its field is ready. */
export async function openSpaCheckout(shopper: Shopper, card?: string) {
  await shopper.goto(`/app/checkout${card ? `?card=${card}` : ''}`);
  await expect.poll(() => has(shopper, 'form[data-ready="true"]')).toBe(true);
}

/** What the CVN input holds (read inside the frame, where only the test may look). */
export const cvnValue = (shopper: Shopper) => look(shopper, CVN, () => document.querySelector('input')?.value ?? null);

/** Clicks (taps) the hosted input and types `cvn`; waits until the field shows `shown`. */
export async function typeCvn(shopper: Shopper, cvn: string, shown = cvn) {
  await shopper.click('input', CVN);
  await shopper.type(cvn);
  await expect.poll(() => cvnValue(shopper)).toBe(shown);
}

/** `enabled` or `disabled`: the page's Pay button, as the shopper sees it. */
export const payButton = (shopper: Shopper) =>
  look(shopper, PAGE, () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith('Pay'));
    return button ? (button.disabled ? 'disabled' : 'enabled') : null;
  });

/** Presses Pay once it is enabled. */
export async function pay(shopper: Shopper) {
  await expect.poll(() => payButton(shopper)).toBe('enabled');
  await shopper.click({ button: 'Pay' });
}

/** Types the one-time code on the bank's page, in the modal or (redirect) as the page, and confirms. */
export async function confirmChallenge(shopper: Shopper, scope: Scope, code = '1234') {
  await shopper.click({ label: 'One-time code' }, scope);
  await shopper.type(code);
  // The code reached the bank's input (a tap that missed it fails here, not 15 s later on the order).
  await expect
    .poll(() => look(shopper, scope, () => document.querySelector<HTMLInputElement>('#code')?.value))
    .toBe(code);
  await shopper.click({ button: 'Confirm' }, scope);
}

/** The status line under the Pay button: its text and error code. */
export const paymentStatus = (shopper: Shopper) =>
  look(shopper, PAGE, () => {
    const status = document.querySelector<HTMLElement>('#status');
    return status ? { text: status.textContent?.trim() ?? '', code: status.dataset.code ?? null } : null;
  });

/** Waits for the order page to show `status` (PAID and FAILED come only from the gateway's webhooks). */
export async function expectOrderStatus(shopper: Shopper, status: string) {
  await expect
    .poll(() => look(shopper, PAGE, () => document.querySelector('#order-status')?.getAttribute('data-status')), {
      timeout: 15_000,
    })
    .toBe(status);
}

/** The tooltip the SDK shows under the field: its text, kind and box; `null` while none shows. */
export const tooltip = (shopper: Shopper) =>
  look(shopper, PAGE, () => {
    const tip = document.querySelector<HTMLElement>('.cs-tooltip');
    if (!tip) return null;
    const { x, y, width, height } = tip.getBoundingClientRect();
    return { text: tip.textContent ?? '', kind: tip.dataset.kind ?? '', box: { x, y, width, height } };
  });

/**
 * Where keyboard focus is, across frames: `a.brand`, `button#pay`, `iframe(#cvn) > input#cvn`,
 * `iframe(.cs-3ds) > input#code`. A frame with nothing focused ends with `(none)`.
 */
export async function focusPath(shopper: Shopper): Promise<string> {
  const describe = () => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(none)';
    const tag = el.tagName.toLowerCase();
    if (tag === 'iframe') {
      const host = el.parentElement;
      return `iframe(${host?.id ? `#${host.id}` : `.${host?.classList[0] ?? ''}`})`;
    }
    return `${tag}${el.id ? `#${el.id}` : el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
  };
  const top = await shopper.evaluate(PAGE, describe);
  if (!top.startsWith('iframe(')) return top;
  const frame = top === 'iframe(#cvn)' ? CVN : CHALLENGE;
  return `${top} > ${await shopper.evaluate(frame, describe)}`;
}

/**
 * What the example shop's custom form shows in the frame: its card line, its background (set
 * by form.css: the stylesheet loaded), whether its image loaded, and whether our input sits
 * inside `<cs-cvn>`.
 */
const customForm = (shopper: Shopper) =>
  look(shopper, CVN, () => {
    const bean = document.querySelector<HTMLImageElement>('.kopi-bean');
    const box = document.querySelector('.kopi');
    return {
      card: document.querySelector('.kopi-card-text')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      background: box ? getComputedStyle(box).backgroundColor : null,
      image: Boolean(bean?.complete && bean.naturalWidth > 0),
      input: document.querySelector('cs-cvn input') !== null,
    };
  });

/** Waits until the custom form shows, styled and complete, in the frame. */
export async function expectCustomForm(shopper: Shopper) {
  await expect
    .poll(() => customForm(shopper))
    .toMatchObject({ background: 'rgb(253, 246, 236)', image: true, input: true });
  expect((await customForm(shopper))?.card).toMatch(/^visa •••• \d{4}$/i);
}

import { expect, test } from './fixtures';
import { snap } from './screens';
import { CUSTOM_DESIGN } from '../checkout';
import { PAGE, PHONE, type Scope, type Shopper } from './shopper';
import {
  CHALLENGE,
  CVN,
  confirmChallenge,
  expectCustomForm,
  expectOrderStatus,
  has,
  look,
  openCheckout,
  openSpaCheckout,
  pay,
  tooltip,
  typeCvn,
} from './steps';

// Both checkouts on a phone-sized screen (360×740 CSS px, device scale factor 3, touch): tap to
// type, pay, the modal 3-D Secure usable without scrolling sideways, tooltips on screen, and an
// input iOS would not zoom into. Every step's screenshot is attached to the test and written to
// node_modules/.cache/e2e-screens/ to be looked at.

/** How far a document is wider than its viewport: what the shopper would scroll sideways. */
const overflow = (shopper: Shopper, scope: Scope = PAGE) =>
  shopper.evaluate(scope, () => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The pointer types the hosted input received, recorded from now on. */
async function recordPointers(shopper: Shopper): Promise<() => Promise<string[]>> {
  await shopper.evaluate(CVN, () => {
    const w = window as { pointerTypes?: string[] };
    w.pointerTypes = [];
    document.addEventListener('pointerdown', (e) => w.pointerTypes?.push(e.pointerType), true);
    return true;
  });
  return () => shopper.evaluate(CVN, () => (window as { pointerTypes?: string[] }).pointerTypes ?? []);
}

/** The hosted input as a phone keyboard sees it. */
const inputTraits = (shopper: Shopper) =>
  shopper.evaluate(CVN, () => {
    const input = document.querySelector('input');
    return {
      fontSize: input ? parseFloat(getComputedStyle(input).fontSize) : 0,
      inputMode: input?.getAttribute('inputmode') ?? null,
      autocomplete: input?.getAttribute('autocomplete') ?? null,
    };
  });

/** Checks the screen itself, then the field: fits the width, big enough text, numeric keyboard. */
async function expectPhoneField(shopper: Shopper): Promise<void> {
  expect(await shopper.evaluate(PAGE, () => [innerWidth, devicePixelRatio])).toEqual([PHONE.width, PHONE.scale]);
  expect(await overflow(shopper)).toBeLessThanOrEqual(0);
  const traits = await inputTraits(shopper);
  // iOS Safari zooms the page into an input whose text is smaller than 16 px.
  expect(traits.fontSize).toBeGreaterThanOrEqual(16);
  expect(traits).toMatchObject({ inputMode: 'numeric', autocomplete: 'cc-csc' });
}

/** Taps into the field and types, checking that the tap arrived as touch where the driver has touch. */
async function tapAndType(shopper: Shopper, cvn: string, shown = cvn): Promise<void> {
  const pointers = await recordPointers(shopper);
  await typeCvn(shopper, cvn, shown);
  expect(await pointers()).toContain(shopper.touch ? 'touch' : 'mouse');
}

/** The modal challenge: on screen, inside the width, nothing in it to scroll sideways; then 1234. */
async function passModalOnPhone(shopper: Shopper): Promise<void> {
  await expect.poll(() => has(shopper, '#code', CHALLENGE)).toBe(true);
  await snap(shopper, 'modal');
  const boxes = await shopper.evaluate(PAGE, () => {
    const box = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
    };
    return {
      frame: box(document.querySelector('.cs-3ds iframe')),
      close: box(document.querySelector('.cs-3ds button')),
      width: innerWidth,
      height: innerHeight,
    };
  });
  for (const box of [boxes.frame, boxes.close]) {
    expect(box?.left).toBeGreaterThanOrEqual(0);
    expect(box?.right).toBeLessThanOrEqual(boxes.width);
    expect(box?.top).toBeGreaterThanOrEqual(0);
    expect(box?.bottom).toBeLessThanOrEqual(boxes.height);
  }
  expect(await overflow(shopper)).toBeLessThanOrEqual(0);
  expect(await overflow(shopper, CHALLENGE)).toBeLessThanOrEqual(0);
  await confirmChallenge(shopper, CHALLENGE);
}

/** The error tooltip and the help popover show inside the screen, under the field. */
async function expectTooltipsOnScreen(shopper: Shopper, name: string): Promise<void> {
  const inScreen = async (kind: string) => {
    await expect.poll(async () => (await tooltip(shopper))?.kind).toBe(kind);
    // floating-ui places it asynchronously: wait for it to settle inside the width.
    await expect
      .poll(async () => {
        const box = (await tooltip(shopper))?.box;
        return box
          ? box.x >= 0 && box.x + box.width <= PHONE.width && box.y >= 0 && box.y + box.height <= PHONE.height
          : false;
      })
      .toBe(true);
  };
  await typeCvn(shopper, '1');
  // Away from the field, to blur it, but close: the field stays on screen.
  await shopper.click('.field-hint');
  await inScreen('error');
  await snap(shopper, `${name}-error-tooltip`);
  await shopper.click({ button: 'What is the security code?' }, CVN);
  await inScreen('help');
  await snap(shopper, `${name}-help-tooltip`);
}

test('script-tag checkout on a phone: tap, type, pay, modal 3-D Secure, PAID', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge');
  await expectPhoneField(shopper);
  await snap(shopper, 'checkout');
  await tapAndType(shopper, '123');
  await snap(shopper, 'checkout-typed');
  await pay(shopper);
  await passModalOnPhone(shopper);
  await expectOrderStatus(shopper, 'PAID');
  await snap(shopper, 'order');
  expect(await overflow(shopper)).toBeLessThanOrEqual(0);
});

test('custom form on a phone: fits the screen, tap, type, pay, modal 3-D Secure, PAID', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge', 'modal', CUSTOM_DESIGN);
  await expectCustomForm(shopper);
  await expectPhoneField(shopper);
  expect(await overflow(shopper, CVN)).toBeLessThanOrEqual(0);
  await snap(shopper, 'custom-form');
  await tapAndType(shopper, '123');
  await snap(shopper, 'custom-form-typed');
  await pay(shopper);
  await passModalOnPhone(shopper);
  await expectOrderStatus(shopper, 'PAID');
});

test('script-tag checkout on a phone: the tooltips stay on screen', async ({ shopper }) => {
  await openCheckout(shopper);
  await expectTooltipsOnScreen(shopper, 'checkout');
});

test('React SPA on a phone: tap, type, pay, modal 3-D Secure, PAID; tooltips on screen', async ({ shopper }) => {
  await shopper.goto('/app/');
  expect(await look(shopper, PAGE, () => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  await snap(shopper, 'spa-cart');
  await openSpaCheckout(shopper, 'cpt-visa-challenge');
  await expectPhoneField(shopper);
  await snap(shopper, 'spa-checkout');
  await expectTooltipsOnScreen(shopper, 'spa');
  await shopper.press('Escape');
  await tapAndType(shopper, '23', '123');
  await pay(shopper);
  await passModalOnPhone(shopper);
  await expectOrderStatus(shopper, 'PAID');
  await snap(shopper, 'spa-order');
  expect(await overflow(shopper)).toBeLessThanOrEqual(0);
});

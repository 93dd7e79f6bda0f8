import { expect, test } from './fixtures';
import { CUSTOM_DESIGN } from '../checkout';
import { snap } from './screens';
import { PAGE } from './shopper';
import {
  CHALLENGE,
  CVN,
  confirmChallenge,
  cvnValue,
  expectCustomForm,
  expectOrderStatus,
  focusPath,
  has,
  look,
  openCheckout,
  openSpaCheckout,
  pay,
  payButton,
  paymentStatus,
  tooltip,
  typeCvn,
} from './steps';

// The core flows, written once against the Shopper interface and run in the engines Playwright
// cannot drive as shoppers use them: WebKit (WebKitWebDriver) and Firefox with Fission on
// (WebDriver BiDi). Chromium and Firefox go through the deeper Playwright specs beside this folder.

const ORDER_URL = /\/orders\/order-[\w-]+(\?.*)?$/;

test('script-tag checkout: type the CVN, pay, modal 3-D Secure with 1234, the order is PAID', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge');
  expect(await payButton(shopper)).toBe('disabled');
  await typeCvn(shopper, '123');
  await pay(shopper);
  await expect.poll(() => has(shopper, '.cs-3ds[role="dialog"] iframe')).toBe(true);
  await confirmChallenge(shopper, CHALLENGE);
  await expect.poll(() => shopper.url()).toMatch(ORDER_URL);
  await expectOrderStatus(shopper, 'PAID');
});

test('custom form: the shop design renders in the frame; type the CVN, pay, modal 3-D Secure, PAID', async ({
  shopper,
}) => {
  await openCheckout(shopper, 'cpt-visa-challenge', 'modal', CUSTOM_DESIGN);
  await expectCustomForm(shopper);
  await snap(shopper, 'custom-form');
  await typeCvn(shopper, '123');
  await snap(shopper, 'custom-form-typed');
  await pay(shopper);
  await confirmChallenge(shopper, CHALLENGE);
  await expect.poll(() => shopper.url()).toMatch(ORDER_URL);
  await expectOrderStatus(shopper, 'PAID');
});

test('script-tag checkout: redirect 3-D Secure with 1234, back to the order page, PAID', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge', 'redirect');
  await typeCvn(shopper, '123');
  await pay(shopper);
  await expect.poll(() => shopper.url()).toMatch(/\/v1\/3ds\/pr-[\w-]+$/);
  await confirmChallenge(shopper, PAGE);
  await expect.poll(() => shopper.url()).toMatch(ORDER_URL);
  await expectOrderStatus(shopper, 'PAID');
});

test('an Amex card takes four digits, and pays', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-amex-challenge');
  await typeCvn(shopper, '12345', '1234');
  await pay(shopper);
  await confirmChallenge(shopper, CHALLENGE);
  await expectOrderStatus(shopper, 'PAID');
});

test('a declined card: the page says so with CARD_DECLINED, no 3-D Secure opens', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-decline');
  await typeCvn(shopper, '123');
  await pay(shopper);
  await expect.poll(async () => (await paymentStatus(shopper))?.code).toBe('CARD_DECLINED');
  expect((await paymentStatus(shopper))?.text).toBe('The card was declined by its issuer');
  expect(await has(shopper, '.cs-3ds')).toBe(false);
});

test('tooltips: an incomplete CVN shows the error under the field; the help button toggles its popover', async ({
  shopper,
}) => {
  await openCheckout(shopper);
  await typeCvn(shopper, '12');
  await shopper.click('h1');
  await expect.poll(async () => (await tooltip(shopper))?.text).toBe("Your card's security code is incomplete.");
  const frame = await shopper.evaluate(
    PAGE,
    () => document.querySelector('#cvn iframe')?.getBoundingClientRect().bottom,
  );
  await expect.poll(async () => (await tooltip(shopper))?.box.y ?? -1).toBeGreaterThanOrEqual((frame ?? 0) - 1);
  expect(await look(shopper, CVN, () => document.querySelector('input')?.getAttribute('aria-invalid'))).toBe('true');

  const help = { button: 'What is the security code?' };
  await shopper.click(help, CVN);
  await expect.poll(async () => (await tooltip(shopper))?.kind).toBe('help');
  expect((await tooltip(shopper))?.text).toMatch(/^The 3-digit code printed on the back of your card/);
  await shopper.click(help, CVN);
  // Help closed: the error it covered shows again.
  await expect.poll(async () => (await tooltip(shopper))?.kind).toBe('error');
});

test("the merchant's <label for> focuses the hosted input; typing goes there", async ({ shopper }) => {
  await openCheckout(shopper);
  await shopper.click('label[for="cvn"]');
  await expect.poll(() => focusPath(shopper)).toBe('iframe(#cvn) > input#cvn');
  await shopper.type('42');
  await expect.poll(() => cvnValue(shopper)).toBe('42');
});

test('keyboard only: Tab into the field, type, Tab past help to Pay and back, Enter, 3-D Secure, PAID', async ({
  shopper,
}) => {
  await openCheckout(shopper, 'cpt-visa-challenge');
  await shopper.click('h1');
  const stops: string[] = [];
  for (let i = 0; i < 6 && stops.at(-1) !== 'iframe(#cvn) > input#cvn'; i++) {
    await shopper.press('Tab');
    stops.push(await focusPath(shopper));
  }
  expect(stops.at(-1)).toBe('iframe(#cvn) > input#cvn');
  await shopper.type('123');
  await expect.poll(() => cvnValue(shopper)).toBe('123');

  await shopper.press('Tab');
  await expect.poll(() => focusPath(shopper)).toBe('iframe(#cvn) > button.help');
  await shopper.press('Tab');
  await expect.poll(() => focusPath(shopper)).toBe('button#pay');
  await shopper.press('Shift+Tab');
  await expect.poll(() => focusPath(shopper)).toBe('iframe(#cvn) > button.help');
  await shopper.press('Shift+Tab');
  await expect.poll(() => focusPath(shopper)).toBe('iframe(#cvn) > input#cvn');
  await shopper.press('Tab');
  await shopper.press('Tab');
  await expect.poll(() => focusPath(shopper)).toBe('button#pay');

  await shopper.press('Enter');
  // The modal moves focus into the challenge once it shows: its code input, or (autofocus is
  // blocked in cross-origin frames) its document, one Tab away from the input.
  await expect.poll(() => focusPath(shopper).catch(() => '')).toMatch(/^iframe\(\.cs-3ds\) > /);
  await expect.poll(() => has(shopper, '#code', CHALLENGE)).toBe(true);
  if ((await focusPath(shopper)) !== 'iframe(.cs-3ds) > input#code') await shopper.press('Tab');
  await expect.poll(() => focusPath(shopper)).toBe('iframe(.cs-3ds) > input#code');
  await shopper.type('1234');
  await shopper.press('Enter');
  await expectOrderStatus(shopper, 'PAID');
});

test('the React SPA pays: hosted field, modal 3-D Secure, the order page reaches PAID', async ({ shopper }) => {
  await openSpaCheckout(shopper, 'cpt-visa-challenge');
  await typeCvn(shopper, '123');
  await pay(shopper);
  await confirmChallenge(shopper, CHALLENGE);
  await expect.poll(() => shopper.url()).toMatch(/\/app\/orders\/order-[\w-]+$/);
  await expectOrderStatus(shopper, 'PAID');
});

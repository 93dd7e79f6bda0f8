import { createSession } from '../checkout';
import { mountExtraIn, type TestWindow } from '../page-sdk';
import { expect, test } from './fixtures';
import { PAGE, type Shopper } from './shopper';
import { has, look, openCheckout } from './steps';

// What field.focus() does in each engine, as the README and its TSDoc say: it resolves whether
// the input took focus, and the keys a shopper types next land in the input either way.

const SECOND = { frame: '#second iframe' };

/** The checkout with a second field (own session) as `window.extras.second`, and a button that focuses it. */
async function openWithSecondField(shopper: Shopper): Promise<void> {
  await openCheckout(shopper);
  const init = { paymentSessionId: await createSession() };
  expect(await shopper.evaluate(PAGE, mountExtraIn, { name: 'second', init })).toEqual({ ok: true });
  await shopper.evaluate(PAGE, () => {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'focus-second';
    button.textContent = 'Enter the code';
    const w = window as unknown as TestWindow & { tookFocus?: boolean };
    button.addEventListener('click', () => void w.extras.second?.field.focus().then((took) => (w.tookFocus = took)));
    document.getElementById('payment-form')?.prepend(button);
    return true;
  });
}

/** Calls `focus()` from script, outside any gesture of the shopper's; its answer. */
const focusFromScript = (shopper: Shopper) =>
  shopper.evaluate(PAGE, () => (window as unknown as TestWindow).extras.second?.field.focus() ?? null);

const secondValue = (shopper: Shopper) => look(shopper, SECOND, () => document.querySelector('input')?.value ?? null);
const focusEvents = (shopper: Shopper) =>
  shopper.evaluate(
    PAGE,
    () => (window as unknown as TestWindow).extras.second?.events.filter((e) => e.name === 'focus').length ?? 0,
  );

test('focus() without a gesture: true where the engine allows it; typed keys land in the input everywhere', async ({
  shopper,
}) => {
  await openWithSecondField(shopper);
  const took = await focusFromScript(shopper);
  // WebKit refuses focus() in a cross-origin frame the shopper has not used, outside a gesture.
  expect(took).toBe(shopper.engine !== 'webkit');
  expect(await focusEvents(shopper)).toBe(took ? 1 : 0);
  expect(await shopper.evaluate(PAGE, () => document.activeElement === document.querySelector('#second iframe'))).toBe(
    true,
  );
  // Where it was refused, the frame takes the shopper's first key as the gesture it needs.
  await shopper.type('12');
  await expect.poll(() => secondValue(shopper)).toBe('12');
  await expect.poll(() => focusEvents(shopper)).toBe(1);
});

test("focus() from the shopper's click on a merchant button: true in every engine", async ({ shopper }) => {
  await openWithSecondField(shopper);
  await shopper.click('#focus-second');
  await expect.poll(() => look(shopper, PAGE, () => (window as { tookFocus?: boolean }).tookFocus)).toBe(true);
  await shopper.type('34');
  await expect.poll(() => secondValue(shopper)).toBe('34');
});

test('focus() once the shopper has used the field: true in every engine, even without a gesture', async ({
  shopper,
}) => {
  await openWithSecondField(shopper);
  await shopper.click('input', SECOND);
  await shopper.click('h1');
  await expect.poll(() => has(shopper, '#second.cs-field--focus')).toBe(false);
  expect(await focusFromScript(shopper)).toBe(true);
  await shopper.type('56');
  await expect.poll(() => secondValue(shopper)).toBe('56');
});

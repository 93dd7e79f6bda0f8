import { expect, test, type Frame, type Page } from '@playwright/test';
import { challenge, cvnInput, openCheckout, expectOrderStatus } from './checkout';

/**
 * Where keyboard focus is, followed across frame boundaries: `a.brand`, `button#pay`,
 * `iframe(#cvn) > input#cvn`, `iframe(.cs-3ds) > input#code`… A frame whose document has no
 * focused element, or does not have the system focus, ends the path with `(none)`.
 */
async function focusPath(page: Page): Promise<string> {
  const parts: string[] = [];
  let frame: Frame = page.mainFrame();
  for (let depth = 0; depth < 3; depth++) {
    const handle = await frame.evaluateHandle(() => document.activeElement);
    const element = handle.asElement();
    const name = await frame.evaluate((el) => {
      if (!el || el === document.body || !document.hasFocus()) return '(none)';
      const tag = el.tagName.toLowerCase();
      if (tag === 'iframe') {
        const host = el.parentElement;
        return `iframe(${host?.id ? `#${host.id}` : `.${host?.className ?? ''}`})`;
      }
      return `${tag}${el.id ? `#${el.id}` : el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    }, element);
    parts.push(name);
    const child = name.startsWith('iframe(') ? await element?.contentFrame() : null;
    await handle.dispose();
    if (!child) break;
    frame = child;
  }
  return parts.join(' > ');
}

const IN_CVN = 'iframe(#cvn) > input#cvn';
const ON_HELP = 'iframe(#cvn) > button.help';
const ON_PAY = 'button#pay';

test('keyboard only: Tab into the frame, type, Tab out to Pay, Enter, 3-D Secure by keyboard, success', async ({
  page,
}) => {
  await openCheckout(page);
  await page.locator('body').focus();

  // From the top of the page, Tab until focus is in the CVN input; record every stop.
  const stops: string[] = [];
  for (let i = 0; i < 6 && stops.at(-1) !== IN_CVN; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focusPath(page));
  }
  // The shop's logo link, then the field: the merchant's <label> is not a stop of its own.
  expect(stops).toEqual(['a.brand', IN_CVN]);
  await expect(cvnInput(page)).toBeFocused();
  await expect(page.locator('#cvn')).toHaveClass(/cs-field--focus/);

  await page.keyboard.type('123');
  await expect(cvnInput(page)).toHaveValue('123');
  const pay = page.getByRole('button', { name: /^Pay/ });
  await expect(pay).toBeEnabled();

  // DOM order across the frame boundary, both ways.
  await page.keyboard.press('Tab');
  expect(await focusPath(page)).toBe(ON_HELP);
  await page.keyboard.press('Tab');
  expect(await focusPath(page)).toBe(ON_PAY);
  await expect(page.locator('#cvn')).not.toHaveClass(/cs-field--focus/);
  await page.keyboard.press('Shift+Tab');
  expect(await focusPath(page)).toBe(ON_HELP);
  await page.keyboard.press('Shift+Tab');
  expect(await focusPath(page)).toBe(IN_CVN);
  await page.keyboard.press('Shift+Tab');
  expect(await focusPath(page)).toBe('a.brand');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focusPath(page)).toBe(ON_PAY);

  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Verify your payment with your bank' })).toBeVisible();
  const code = challenge(page).getByLabel('One-time code');
  await expect(code).toBeVisible();

  // The modal takes focus once the challenge has loaded: the one-time code input, or (autofocus
  // is blocked in cross-origin frames) the challenge document, one Tab away from the input.
  const IN_CODE = 'iframe(.cs-3ds) > input#code';
  await expect.poll(() => focusPath(page)).toMatch(/^iframe\(\.cs-3ds\) > /);
  if ((await focusPath(page)) !== IN_CODE) {
    expect(await focusPath(page)).toBe('iframe(.cs-3ds) > (none)');
    await page.keyboard.press('Tab');
  }
  expect(await focusPath(page)).toBe(IN_CODE);

  await page.keyboard.type('1234');
  await expect(code).toHaveValue('1234');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
});

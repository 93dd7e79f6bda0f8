import { expect, test, type Page } from '@playwright/test';
import { createSession, cvnInput, openCheckout } from './checkout';
import { extraInput, mountExtra, type TestWindow } from './page-sdk';

const frame = (page: Page) => page.frameLocator('#cvn iframe');
const color = (page: Page, input = cvnInput(page)) => input.evaluate((el) => getComputedStyle(el).color);
const INCOMPLETE = "Your card's security code is incomplete.";

test("the merchant's <label for> names the input and focuses it; the iframe has a localized title", async ({
  page,
}) => {
  await openCheckout(page);
  await expect(page.locator('#cvn iframe')).toHaveAttribute('title', 'Secure input for the card security code');
  // No ariaLabel in the example: the frame's input is named by the merchant's label text.
  await expect(cvnInput(page)).toHaveAccessibleName('Security code');
  await expect(frame(page).getByRole('textbox', { name: 'Security code' })).toHaveAttribute('id', 'cvn');
  await expect(cvnInput(page)).toHaveAttribute('autocomplete', 'cc-csc');
  await expect(cvnInput(page)).toHaveAttribute('inputmode', 'numeric');

  await expect(cvnInput(page)).not.toBeFocused();
  await page.locator('label[for="cvn"]').click();
  await expect(cvnInput(page)).toBeFocused();
  await expect(page.locator('#cvn')).toHaveClass(/cs-field--focus/);
  // The page's focus is in the frame, so typing goes there.
  expect(await page.evaluate(() => document.activeElement === document.querySelector('#cvn iframe'))).toBe(true);
  await page.keyboard.type('42');
  await expect(cvnInput(page)).toHaveValue('42');
});

test('a short CVN: tooltip under the frame, aria-invalid, a described-by live region; a third digit clears it', async ({
  page,
}) => {
  await openCheckout(page);
  const input = cvnInput(page);
  await input.click();
  await page.keyboard.type('12');
  await expect(page.locator('.cs-tooltip')).toHaveCount(0);
  await page.getByRole('heading', { name: 'Pay with your saved card' }).click();

  const tooltip = page.locator('.cs-tooltip');
  await expect(tooltip).toHaveText(INCOMPLETE);
  await expect(tooltip).toHaveAttribute('data-kind', 'error');
  await expect(tooltip).toHaveAttribute('aria-hidden', 'true');
  const iframe = await page.locator('#cvn iframe').boundingBox();
  expect(iframe).not.toBeNull();
  const frameBottom = (iframe?.y ?? 0) + (iframe?.height ?? 0);
  // floating-ui places it asynchronously: wait for it to settle under the frame.
  await expect.poll(async () => (await tooltip.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(frameBottom - 1);
  const box = await tooltip.boundingBox();
  expect(box?.y).toBeLessThan(frameBottom + 40);
  expect(Math.abs((box?.x ?? 0) - (iframe?.x ?? 0))).toBeLessThanOrEqual(1);

  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await input.getAttribute('aria-describedby');
  expect(describedBy).toBe('cvn-error');
  const region = frame(page).locator(`#${describedBy}`);
  await expect(region).toHaveText(INCOMPLETE);
  await expect(region).toHaveAttribute('aria-live', 'assertive');
  await expect(region).toHaveAttribute('role', 'alert');
  await expect(input).toHaveAccessibleDescription(INCOMPLETE);

  await input.click();
  await page.keyboard.press('End');
  await page.keyboard.type('3');
  await expect(input).toHaveValue('123');
  await expect(tooltip).toHaveCount(0);
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  await expect(region).toHaveText('');
  await expect(page.locator('#cvn')).not.toHaveClass(/cs-field--invalid/);
});

for (const [card, text] of [
  ['cpt-visa-challenge', 'The 3-digit code printed on the back of your card, next to the signature strip.'],
  ['cpt-amex-challenge', 'The 4-digit code printed on the front of your card, above the card number.'],
] as const) {
  test(`help popover (${card}): the button toggles aria-expanded and the tooltip, Escape closes it`, async ({
    page,
  }) => {
    await openCheckout(page, card);
    const help = frame(page).getByRole('button', { name: 'What is the security code?' });
    const tooltip = page.locator('.cs-tooltip');
    await expect(help).toHaveAttribute('aria-expanded', 'false');
    await expect(tooltip).toHaveCount(0);

    await help.click();
    await expect(help).toHaveAttribute('aria-expanded', 'true');
    await expect(tooltip).toHaveText(text);
    await expect(tooltip).toHaveAttribute('data-kind', 'help');
    await help.click();
    await expect(help).toHaveAttribute('aria-expanded', 'false');
    await expect(tooltip).toHaveCount(0);

    await help.click();
    await expect(tooltip).toHaveText(text);
    await page.keyboard.press('Escape');
    await expect(help).toHaveAttribute('aria-expanded', 'false');
    await expect(tooltip).toHaveCount(0);
  });
}

test('help wins over an error while open; closing it shows the error again', async ({ page }) => {
  await openCheckout(page);
  await cvnInput(page).click();
  await page.keyboard.type('1');
  const help = frame(page).getByRole('button', { name: 'What is the security code?' });
  await help.click(); // blurs the input: the error comes, then the help covers it
  await expect(page.locator('.cs-tooltip')).toHaveText(/^The 3-digit code/);
  await expect(cvnInput(page)).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await expect(page.locator('.cs-tooltip')).toHaveText(INCOMPLETE);
});

test("the merchant's style applies inside the frame, per state", async ({ page }) => {
  await openCheckout(page);
  const input = cvnInput(page);
  expect(await color(page)).toBe('rgb(31, 41, 55)');
  expect(await input.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
  expect(await input.evaluate((el) => getComputedStyle(el).letterSpacing)).toBe('2.4px');
  await input.click();
  await page.keyboard.type('1');
  await input.blur();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  expect(await color(page)).toBe('rgb(185, 28, 28)');
  await input.click();
  await page.keyboard.type('2');
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  expect(await color(page)).toBe('rgb(31, 41, 55)');
});

test('update({ style }) after ready restyles a second field; an unsafe style throws INVALID_OPTIONS', async ({
  page,
}) => {
  await openCheckout(page);
  const paymentSessionId = await createSession();
  expect(await mountExtra(page, 'second', { paymentSessionId })).toEqual({ ok: true });
  const input = extraInput(page, 'second');
  await expect(input).toBeVisible();
  expect(await color(page, input)).not.toBe('rgb(0, 128, 0)');

  await page.evaluate(() =>
    (window as unknown as TestWindow).extras.second?.field.update({ style: { base: { color: 'rgb(0, 128, 0)' } } }),
  );
  await expect.poll(() => color(page, input)).toBe('rgb(0, 128, 0)');
  // The first field keeps its own style.
  expect(await color(page)).toBe('rgb(31, 41, 55)');

  const thrown = await page.evaluate((id) => {
    const cs = (window as unknown as TestWindow).CardsSession.init({ paymentSessionId: id });
    try {
      cs.createField('cvn', { style: { base: { color: 'url(x)' } } });
      return null;
    } catch (err) {
      const { name, code, type, message } = err as Record<string, string>;
      return { name, code, type, message };
    }
  }, paymentSessionId);
  expect(thrown).toEqual({
    name: 'CardsSessionError',
    code: 'INVALID_OPTIONS',
    type: 'merchant',
    message:
      'style.base.color: expected a plain CSS value without url(), expression(), @import, comments or backslashes, received "url(x)"',
  });
  expect(thrown?.message).toContain('expected');
  expect(thrown?.message).toContain('received');
  // Nothing was mounted for the refused field.
  await expect(page.locator('iframe')).toHaveCount(2);
});

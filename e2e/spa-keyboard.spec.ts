import { expect, test } from '@playwright/test';
import { cvnInput, expectOrderStatus } from './checkout';
import { readyForm } from './spa';

test('the SPA pays by keyboard alone: cart, saved-card radios, hosted field, pay', async ({ page }) => {
  await page.goto('/app/');
  const proceed = page.getByRole('link', { name: 'Proceed to checkout' });
  for (let i = 0; i < 6 && !(await proceed.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(proceed).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(readyForm(page)).toBeVisible();
  const first = await readyForm(page).getAttribute('data-order-reference');

  // The radio group is one Tab stop; the arrow keys pick another saved card, which starts a new
  // order with its own session, and focus stays on the group.
  const radios = page.getByRole('radio');
  for (let i = 0; i < 6 && !(await radios.first().evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(radios.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /4242/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /4242/ })).toBeFocused();
  await expect(readyForm(page)).not.toHaveAttribute('data-order-reference', first ?? '');
  await expect(readyForm(page)).toBeVisible();

  for (let i = 0; i < 10 && !(await cvnInput(page).evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(cvnInput(page)).toBeFocused();
  await page.keyboard.type('123');
  await page.keyboard.press('Tab'); // the field's help button
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/app\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
});

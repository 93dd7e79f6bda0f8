import { expect, test, type Page } from '@playwright/test';
import { challenge, cvnInput, expectOrderStatus, openCheckout } from './checkout';

// Every sandbox test card, paid through the script-tag checkout, to the status the shop's
// order page reaches once the gateway's webhooks arrive.

async function pay(page: Page, card: string, cvn: string): Promise<string> {
  await openCheckout(page, card);
  const reference = (await page.locator('main').getAttribute('data-order-reference')) ?? '';
  await cvnInput(page).click();
  await page.keyboard.type(cvn);
  await page.getByRole('button', { name: /^Pay/ }).click();
  return reference;
}

async function timeline(page: Page): Promise<string> {
  return (await page.locator('#order-events').textContent()) ?? '';
}

for (const [card, cvn] of [
  ['cpt-visa-challenge', '123'],
  ['cpt-mastercard-challenge', '456'],
  ['cpt-amex-challenge', '1234'],
  ['cpt-unknown-challenge', '789'],
] as const) {
  test(`${card}: challenge passed with 1234, the order is PAID by webhook`, async ({ page }) => {
    await pay(page, card, cvn);
    await challenge(page).getByLabel('One-time code').fill('1234');
    await challenge(page).getByRole('button', { name: 'Confirm' }).click();
    await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
    await expectOrderStatus(page, 'PAID');
    await expect(page.locator('#order-status')).toHaveText('Paid');
    expect(await timeline(page)).toMatch(/checkout\s+Result token verified: pr-[\w-]+ is REQUIRES_ACTION/);
    expect(await timeline(page)).toContain('The gateway captured the payment');
  });
}

test('cpt-visa-challenge: a wrong one-time code fails; the order is FAILED by webhook', async ({ page }) => {
  const reference = await pay(page, 'cpt-visa-challenge', '123');
  await challenge(page).getByLabel('One-time code').fill('9999');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'AUTHENTICATION_FAILED');
  await page.goto(`/orders/${reference}`);
  await expectOrderStatus(page, 'FAILED');
  expect(await timeline(page)).toContain('The payment failed');
});

test('cpt-visa-frictionless: no challenge, straight to a PAID order', async ({ page }) => {
  await pay(page, 'cpt-visa-frictionless', '123');
  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
  expect(await timeline(page)).toMatch(/Result token verified: pr-[\w-]+ is SUCCEEDED/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('cpt-visa-decline: CARD_DECLINED on the page; the order is FAILED by webhook', async ({ page }) => {
  const reference = await pay(page, 'cpt-visa-decline', '123');
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'CARD_DECLINED');
  await page.goto(`/orders/${reference}`);
  await expectOrderStatus(page, 'FAILED');
  expect(await timeline(page)).toContain('The payment failed (CARD_DECLINED)');
});

test('cpt-visa-cvn-mismatch: INVALID_CVN, the field keeps focus for a retry, the order stays unpaid', async ({
  page,
}) => {
  const reference = await pay(page, 'cpt-visa-cvn-mismatch', '123');
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'INVALID_CVN');
  await expect(cvnInput(page)).toHaveAttribute('aria-invalid', 'true');
  await page.goto(`/orders/${reference}`);
  await expectOrderStatus(page, 'AWAITING_PAYMENT');
});

test('the checkout offers every sandbox test card and marks the one in use', async ({ page }) => {
  await openCheckout(page, 'cpt-amex-challenge');
  const picker = page.getByRole('navigation', { name: 'Sandbox test cards' });
  await expect(picker.getByRole('link')).toHaveCount(7);
  await expect(picker.locator('[aria-current="true"]')).toContainText('0005');
  await picker.getByRole('link', { name: /0002/ }).click();
  await expect(page).toHaveURL(/\?card=cpt-visa-decline$/);
  await expect(page.locator('.stored-card')).toContainText('0002');
});

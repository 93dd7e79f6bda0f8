import { expect, type Page } from '@playwright/test';
import { challenge, cvnInput, expectOrderStatus, failChallenge } from './checkout';
import { openSpaCheckout, payInSpa, paymentStatus, readyForm, test } from './spa';

// The React SPA (examples/spa: cards-session and @cards-session/react from their built dist),
// paying every kind of sandbox test card to the status the gateway's webhooks give the order.

const ORDER_URL = /\/app\/orders\/order-[\w-]+$/;
const timeline = (page: Page) => page.locator('#order-events');

for (const [card, cvn] of [
  ['cpt-visa-challenge', '123'],
  ['cpt-amex-challenge', '1234'],
] as const) {
  test(`${card}: 3-D Secure challenge passed with 1234 in the modal, the order page reaches PAID`, async ({ page }) => {
    const reference = await openSpaCheckout(page, card);
    await payInSpa(page, cvn);
    await expect(page.getByRole('dialog', { name: 'Verify your payment with your bank' })).toBeVisible();
    await challenge(page).getByLabel('One-time code').fill('1234');
    await challenge(page).getByRole('button', { name: 'Confirm' }).click();
    await expect(page).toHaveURL(new RegExp(`/app/orders/${reference}$`));
    await expectOrderStatus(page, 'PAID');
    await expect(page.locator('#order-status')).toHaveText('Paid');
    await expect(timeline(page)).toContainText(/checkout\s+Result token verified: pr-[\w-]+ is REQUIRES_ACTION/);
    // Capture and session-completed webhooks may come in either order; either one marks it PAID.
    await expect(timeline(page)).toContainText(
      /webhook\s*(The gateway captured the payment|The payment session is complete)/,
    );
    await expect(page.locator('#cvn')).toHaveCount(0);
  });
}

test('an Amex card takes four digits, other cards three', async ({ page }) => {
  const amex = await openSpaCheckout(page, 'cpt-amex-challenge');
  await cvnInput(page).click();
  await page.keyboard.type('12345');
  await expect(cvnInput(page)).toHaveValue('1234');
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeEnabled();

  await page.getByRole('radio', { name: /1091/ }).check();
  await expect(readyForm(page)).toBeVisible();
  await expect(readyForm(page)).not.toHaveAttribute('data-order-reference', amex);
  await cvnInput(page).click();
  await page.keyboard.type('1234');
  await expect(cvnInput(page)).toHaveValue('123');
});

test('challenge failed (wrong codes): AUTHENTICATION_FAILED, the order page reaches FAILED', async ({ page }) => {
  const reference = await openSpaCheckout(page, 'cpt-visa-challenge');
  await payInSpa(page, '123');
  await failChallenge(challenge(page));
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  await expect(paymentStatus(page)).toHaveAttribute('data-code', 'AUTHENTICATION_FAILED');
  await expect(paymentStatus(page)).toHaveText('Your bank did not confirm the payment. You can try again.');
  await page.getByRole('link', { name: `See order ${reference}` }).click();
  await expectOrderStatus(page, 'FAILED');
  await expect(timeline(page)).toContainText('The payment failed');
});

test('frictionless: no challenge, straight to the order page, PAID', async ({ page }) => {
  await openSpaCheckout(page, 'cpt-visa-frictionless');
  await payInSpa(page, '123');
  await expect(page).toHaveURL(ORDER_URL);
  await expectOrderStatus(page, 'PAID');
  await expect(timeline(page)).toContainText(/Result token verified: pr-[\w-]+ is SUCCEEDED/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('declined: CARD_DECLINED with the SDK message, and the order page reaches FAILED', async ({ page }) => {
  const reference = await openSpaCheckout(page, 'cpt-visa-decline');
  await payInSpa(page, '123');
  await expect(paymentStatus(page)).toHaveAttribute('data-code', 'CARD_DECLINED');
  await expect(paymentStatus(page)).toHaveText('The card was declined by its issuer');
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  await page.getByRole('link', { name: `See order ${reference}` }).click();
  await expect(page).toHaveURL(new RegExp(`/app/orders/${reference}$`));
  await expectOrderStatus(page, 'FAILED');
  await expect(page.getByText('The payment failed (CARD_DECLINED).')).toBeVisible();
});

test('CVN mismatch: INVALID_CVN, the field is marked invalid, the order stays unpaid', async ({ page }) => {
  const reference = await openSpaCheckout(page, 'cpt-visa-cvn-mismatch');
  await payInSpa(page, '123');
  await expect(paymentStatus(page)).toHaveAttribute('data-code', 'INVALID_CVN');
  await expect(cvnInput(page)).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('link', { name: `See order ${reference}` }).click();
  await expectOrderStatus(page, 'AWAITING_PAYMENT');
});

test.describe('client-side routing', () => {
  test('cart → checkout → away: the frame goes; back: a fresh field on the same order; forward works', async ({
    page,
  }) => {
    await page.goto('/app/');
    await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
    await page.getByRole('link', { name: 'Proceed to checkout' }).click();
    await expect(page).toHaveURL(/\/app\/checkout$/);
    await expect(readyForm(page)).toBeVisible();
    await expect(page.locator('#cvn iframe')).toHaveCount(1);
    const first = await readyForm(page).getAttribute('data-order-reference');

    await page.getByRole('link', { name: 'Kopi Nusantara' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
    await expect(page.locator('iframe')).toHaveCount(0);
    expect(page.frames()).toHaveLength(1);

    await page.goBack();
    await expect(page).toHaveURL(/\/app\/checkout$/);
    await expect(readyForm(page)).toBeVisible();
    await expect(page.locator('iframe')).toHaveCount(1);
    // The shopper's open order, and its session, come back: one session per order.
    await expect(readyForm(page)).toHaveAttribute('data-order-reference', first ?? '');
    await cvnInput(page).click();
    await page.keyboard.type('123');
    await expect(cvnInput(page)).toHaveValue('123');
    await expect(page.getByRole('button', { name: /^Pay/ })).toBeEnabled();

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
    await expect(page.locator('iframe')).toHaveCount(0);
    await page.goForward();
    await expect(readyForm(page)).toBeVisible();
  });

  test('another saved card is another order: one frame, on the new session', async ({ page }) => {
    const first = await openSpaCheckout(page, 'cpt-visa-challenge');
    await page.getByRole('radio', { name: /0002/ }).check();
    await expect(page).toHaveURL(/\?card=cpt-visa-decline$/);
    await expect(readyForm(page)).not.toHaveAttribute('data-order-reference', first);
    await expect(readyForm(page)).toBeVisible();
    await expect(page.locator('iframe')).toHaveCount(1);
    await expect(page.locator('.field-hint')).toContainText('ending in 0002');
  });

  test('an unknown order: the order page says so', async ({ page, pageErrors }) => {
    await page.goto('/app/orders/order-00000000');
    await expect(page.locator('#order-status')).toHaveText('Not found');
    // Chromium logs the API's 404 itself: the one error this page may show.
    const expected = /status of 404 .*\/api\/orders\/order-00000000$/;
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !expected.test(error)));
  });
});

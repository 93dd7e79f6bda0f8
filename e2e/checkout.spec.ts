import { expect, test } from '@playwright/test';
import {
  challenge,
  createSession,
  cvnInput,
  openCheckout,
  openCheckoutWithSession,
  expectOrderStatus,
  failChallenge,
} from './checkout';

test('pays with a CVN typed in the hosted frame, through modal 3-D Secure, to the success page', async ({ page }) => {
  await openCheckout(page);
  const pay = page.getByRole('button', { name: /^Pay/ });
  await expect(pay).toBeDisabled();
  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(pay).toBeEnabled();
  await pay.click();

  await expect(page.getByRole('dialog', { name: 'Verify your payment with your bank' })).toBeVisible();
  await challenge(page).getByLabel('One-time code').fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();

  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
});

test('redirect 3-D Secure: a failed challenge lands on the failure page', async ({ page }) => {
  await openCheckout(page, undefined, 'redirect');
  await cvnInput(page).fill('123');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page).toHaveURL(/\/v1\/3ds\/pr-/);
  await failChallenge(page);
  await expect(page).toHaveURL(/\/orders\/order-[\w-]+\?payment=failed$/);
  await expect(page.getByText('Your bank did not confirm the payment.')).toBeVisible();
  await expectOrderStatus(page, 'FAILED');
});

test('non-digits are filtered and a short CVN is flagged INCOMPLETE_CVN', async ({ page }) => {
  await openCheckout(page);
  const input = cvnInput(page);
  await input.click();
  await page.keyboard.type('1a2b');
  await expect(input).toHaveValue('12');
  await expect(input).toHaveAttribute('maxlength', '3');
  await input.blur();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.cs-tooltip')).toHaveText("Your card's security code is incomplete.");
  await expect(page.locator('#cvn')).toHaveClass(/cs-field--invalid/);
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeDisabled();
});

test('an Amex card takes four digits', async ({ page }) => {
  await openCheckout(page, 'cpt-amex-challenge');
  const input = cvnInput(page);
  await input.click();
  await page.keyboard.type('12345');
  await expect(input).toHaveValue('1234');
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeEnabled();
});

test.describe('a session the frame refuses becomes a coded error on the page', () => {
  test('unknown session: DATA_NOT_FOUND', async ({ page }) => {
    await openCheckoutWithSession(page, 'ps-00000000-0000-4000-8000-000000000000');
    await expect(page.locator('#status')).toHaveAttribute('data-code', 'DATA_NOT_FOUND');
    await expect(page.locator('#status')).toContainText('No payment session');
    await expect(page.locator('#cvn iframe')).toHaveCount(0);
  });

  test('session for another origin: ORIGIN_NOT_ALLOWED', async ({ page }) => {
    const id = await createSession({ allowed_origins: ['https://shop.example'] });
    await openCheckoutWithSession(page, id);
    await expect(page.locator('#status')).toHaveAttribute('data-code', 'ORIGIN_NOT_ALLOWED');
  });

  test('expired session: SESSION_EXPIRED', async ({ page }) => {
    const id = await createSession({ expires_at: new Date(Date.now() + 1000).toISOString() });
    await new Promise((r) => setTimeout(r, 1500));
    await openCheckoutWithSession(page, id);
    await expect(page.locator('#status')).toHaveAttribute('data-code', 'SESSION_EXPIRED');
  });
});

test('the checkout has a description and an SVG favicon, sends its scripts compressed, logs no error', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await openCheckout(page);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /^Pay .+ Kopi Nusantara order/);
  const icon = await page.request.get((await page.locator('link[rel="icon"]').getAttribute('href')) ?? '');
  expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
  const script = await page.request.get('/checkout.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
  expect([script.headers()['content-encoding'], script.headers()['vary']]).toEqual(['br', 'Accept-Encoding']);
  expect(await script.text()).toContain('data-payment-session-id');
  expect(errors).toEqual([]);
});

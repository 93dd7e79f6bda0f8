import { expect, test, type Page } from '@playwright/test';
import { challenge, cvnInput, failChallenge, openCheckout, expectOrderStatus } from './checkout';
import { gatewayGet } from './page-sdk';

const DIALOG = 'Verify your payment with your bank';

/** Types `cvn` in the example checkout's field and presses Pay. */
async function pay(page: Page, cvn = '123'): Promise<void> {
  await cvnInput(page).click();
  await page.keyboard.type(cvn);
  await expect(cvnInput(page)).toHaveValue(cvn);
  await page.getByRole('button', { name: /^Pay/ }).click();
}

/** Every request the page makes to the 3-D Secure simulator, as `METHOD /path?mode`. */
function threeDsRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/v1/3ds/')) {
      seen.push(`${request.method()} ${url.searchParams.get('mode') ?? (request.method() === 'POST' ? 'form' : '-')}`);
    }
  });
  return seen;
}

/**
 * The 3-D Secure messages the merchant window receives (`3ds-ready` when a challenge form shows,
 * `3ds-result <status>` at its end), kept across the navigation to the order page.
 */
async function threeDsMessages(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding('__cs3ds', (_source, entry: string) => void seen.push(entry));
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const record = (window as unknown as { __cs3ds: (entry: string) => void }).__cs3ds;
    window.addEventListener('message', (e: MessageEvent<{ type?: unknown; status?: unknown }>) => {
      const { type, status } = e.data ?? {};
      if (typeof type === 'string' && type.startsWith('cards-session:3ds'))
        record([type.slice('cards-session:'.length), status].filter(Boolean).join(' '));
    });
  });
  return seen;
}

const sessionOf = (page: Page) => page.locator('[data-payment-session-id]').getAttribute('data-payment-session-id');

test('modal challenge, code 1234: success page, session COMPLETED at the gateway', async ({ page }) => {
  const requests = threeDsRequests(page);
  const messages = await threeDsMessages(page);
  await openCheckout(page, 'cpt-visa-challenge');
  const sessionId = await sessionOf(page);
  await pay(page);
  await expect(page.getByRole('dialog', { name: DIALOG })).toBeVisible();
  await expect(page.locator('.cs-3ds iframe')).toHaveAttribute('title', DIALOG);
  await challenge(page).getByLabel('One-time code').fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
  expect(await gatewayGet<{ status: string }>(`/v1/sessions/${sessionId}`)).toMatchObject({ status: 'COMPLETED' });
  expect(requests).toEqual(['GET modal', 'POST form']);
  expect(messages).toEqual(['3ds-ready', '3ds-result SUCCEEDED']);
});

test('modal challenge, wrong codes: the page says the bank did not confirm; the session stays ACTIVE', async ({
  page,
}) => {
  const messages = await threeDsMessages(page);
  await openCheckout(page, 'cpt-visa-challenge');
  const sessionId = await sessionOf(page);
  await pay(page);
  await failChallenge(challenge(page));
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  await expect(page.locator('#status')).toContainText('Your bank did not confirm the payment.');
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'AUTHENTICATION_FAILED');
  expect(await gatewayGet<{ status: string }>(`/v1/sessions/${sessionId}`)).toMatchObject({ status: 'ACTIVE' });
  // Each challenge shown (the first, and after each wrong code but the last) said it was ready.
  expect(messages).toEqual(['3ds-ready', '3ds-ready', '3ds-ready', '3ds-result FAILED']);
});

test('modal Cancel (×): "Verification canceled"; Pay is enabled again once the CVN is re-entered', async ({ page }) => {
  await openCheckout(page, 'cpt-visa-challenge');
  const payButton = page.getByRole('button', { name: /^Pay/ });
  await pay(page);
  await expect(page.getByRole('dialog', { name: DIALOG })).toBeVisible();
  await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
  const close = page.getByRole('button', { name: 'Cancel verification' });
  await expect(close).toHaveText('×');
  await close.click();

  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  await expect(page.locator('#status')).toHaveText('Verification canceled. You can try again.');
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'AUTHENTICATION_CANCELED');
  // The frame empties the field once the gateway took the CVN (it keeps no used code), so the
  // example's Pay button waits for the shopper to type it again for the new attempt.
  await expect(cvnInput(page)).toHaveValue('');
  await expect(payButton).toBeDisabled();
  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(payButton).toBeEnabled();
  await payButton.click();
  await challenge(page).getByLabel('One-time code').fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expectOrderStatus(page, 'PAID');
});

test('Escape on the modal cancels it', async ({ page }) => {
  await openCheckout(page, 'cpt-visa-challenge');
  await pay(page);
  await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel verification' }).focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'AUTHENTICATION_CANCELED');
});

test('frictionless card with modal 3-D Secure: no challenge form, straight to the success page', async ({ page }) => {
  const requests = threeDsRequests(page);
  const messages = await threeDsMessages(page);
  await openCheckout(page, 'cpt-visa-frictionless');
  await pay(page);
  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
  // One GET that ends the modal at once: no form was shown, none posted.
  expect(requests).toEqual(['GET modal']);
  expect(messages).toEqual(['3ds-result SUCCEEDED']);
});

test('declined card: the status shows CARD_DECLINED and no 3-D Secure opens', async ({ page }) => {
  const requests = threeDsRequests(page);
  await openCheckout(page, 'cpt-visa-decline');
  const sessionId = await sessionOf(page);
  await pay(page);
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'CARD_DECLINED');
  await expect(page.locator('#status')).toHaveText('The card was declined by its issuer');
  await expect(page.locator('#status')).toHaveClass(/\berror\b/);
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  expect(requests).toEqual([]);
  expect(await gatewayGet<{ status: string }>(`/v1/sessions/${sessionId}`)).toMatchObject({ status: 'ACTIVE' });
});

test('redirect 3-D Secure, code 1234: the success page', async ({ page }) => {
  const requests = threeDsRequests(page);
  await openCheckout(page, 'cpt-visa-challenge', 'redirect');
  await pay(page);
  await expect(page).toHaveURL(/\/v1\/3ds\/pr-[\w-]+$/);
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  await page.getByLabel('One-time code').fill('1234');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
  expect(requests).toEqual(['GET -', 'POST form']);
});

test('the modal code loads at the first challenge under its SRI hash; a tampered copy is refused, Pay again loads it', async ({
  page,
}) => {
  const loads: string[] = [];
  let tamper = true;
  await page.route('**/cards-session-3ds.min.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    loads.push(tamper ? 'tampered' : 'served');
    // One byte more than the build hashed: the browser refuses to run it. Not stored, as a
    // passing fault would not be: the versioned file is otherwise cached as immutable.
    if (tamper)
      await route.fulfill({
        response,
        body: `${body};`,
        headers: { ...response.headers(), 'cache-control': 'no-store' },
      });
    else await route.fulfill({ response, body });
    tamper = false;
  });
  await openCheckout(page, 'cpt-visa-challenge');
  const payButton = page.getByRole('button', { name: /^Pay/ });
  await expect(page.locator('[data-payment-session-id]')).toHaveAttribute('data-ready', 'true');
  expect(loads).toEqual([]);

  await pay(page);
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'NETWORK_ERROR');
  await expect(page.locator('#status')).toContainText('the 3-D Secure code could not be loaded');
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  expect(loads).toEqual(['tampered']);

  await expect(cvnInput(page)).toHaveValue('');
  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(payButton).toBeEnabled();
  await payButton.click();
  await challenge(page).getByLabel('One-time code').fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expectOrderStatus(page, 'PAID');
  expect(loads).toEqual(['tampered', 'served']);
});

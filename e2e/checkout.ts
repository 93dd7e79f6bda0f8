import { expect, type FrameLocator, type Page } from '@playwright/test';
import { servers } from './env';

/** The example checkout's CVN input, inside the gateway's frame. */
export function cvnInput(page: Page) {
  return page.frameLocator('#cvn iframe').locator('input');
}

/** The example shop's custom form (examples/checkout/forms/kopi/), pushed by the global setup. */
export const CUSTOM_DESIGN = 'kopi';

/**
 * Opens the example checkout (optionally with a test card, 3-D Secure mode, or field design: a
 * custom form's name) and waits for `ready`.
 */
export async function openCheckout(
  page: Page,
  card?: string,
  threeDs: 'modal' | 'redirect' = 'modal',
  design?: string,
): Promise<void> {
  const query = new URLSearchParams({
    ...(card && { card }),
    ...(threeDs === 'redirect' && { '3ds': 'redirect' }),
    ...(design && { design }),
  });
  await page.goto(`/?${query}`);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
}

/** Waits until the example shop's order page shows `status`: PAID, FAILED and EXPIRED come only from webhooks. */
export async function expectOrderStatus(page: Page, status: string): Promise<void> {
  await expect(page.locator('#order-status')).toHaveAttribute('data-status', status, { timeout: 10_000 });
}

/** The 3-D Secure challenge shown in the SDK's modal. */
export function challenge(page: Page) {
  return page.frameLocator('.cs-3ds iframe');
}

/** Answers the modal challenge with the sandbox's one-time code. */
export async function passChallenge(page: Page): Promise<void> {
  await challenge(page).getByLabel('One-time code').fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
}

/** Creates a session straight through the API, as a merchant server would (by default for the shared e2e shop). */
export async function createSession(
  overrides: Record<string, unknown> = {},
  { gateway, merchant }: { gateway: string; merchant: string } = servers,
): Promise<string> {
  const res = await fetch(`${gateway}/v1/sessions`, {
    method: 'POST',
    headers: {
      Authorization: servers.basicAuth,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      reference_id: 'e2e',
      session_type: 'PAY',
      amount: 1000,
      currency: 'IDR',
      country: 'ID',
      cards_session_js: {
        card_payment_token_id: 'cpt-visa-challenge',
        success_return_url: `${merchant}/ok`,
        failure_return_url: `${merchant}/failed`,
      },
      allowed_origins: [merchant],
      ...overrides,
    }),
  });
  const body = (await res.json()) as { payment_session_id?: string };
  if (!res.ok || !body.payment_session_id) throw new Error(`session not created: ${JSON.stringify(body)}`);
  return body.payment_session_id;
}

/**
 * Opens the example checkout with its session id swapped for `sessionId`: the page a shopper
 * would get with a stale, forged or foreign session. The swap happens in the merchant's script,
 * not the document: Chromium treats a document Playwright fulfils as public and then refuses
 * its requests to loopback (Local Network Access).
 */
export async function openCheckoutWithSession(page: Page, sessionId: string): Promise<void> {
  await page.route('**/checkout.js', async (route) => {
    const response = await route.fetch();
    const swap = `document.querySelector('[data-payment-session-id]').dataset.paymentSessionId = ${JSON.stringify(sessionId)};\n`;
    await route.fulfill({ response, body: swap + (await response.text()) });
  });
  await page.goto('/');
}

/** The sandbox's default cap on wrong 3-D Secure codes per payment request: the last one fails it. */
export const WRONG_CODES_TO_FAIL = 3;

/**
 * Fails a 3-D Secure challenge (in the modal, or the page itself in redirect mode) with wrong
 * codes; before the last, the challenge says how many tries are left.
 */
export async function failChallenge(where: Page | FrameLocator): Promise<void> {
  for (let left = WRONG_CODES_TO_FAIL - 1; left >= 0; left--) {
    await where.getByLabel('One-time code').fill('9999');
    await where.getByRole('button', { name: 'Confirm' }).click();
    if (left > 0) {
      const tries = `${left} ${left === 1 ? 'try' : 'tries'} left`;
      await expect(where.getByRole('alert')).toHaveText(`That code is not correct. ${tries}.`);
    }
  }
}

import { expect, test as base, type Page } from '@playwright/test';
import { cvnInput } from './checkout';
import { servers } from './env';

// Helpers for the React SPA (examples/spa), served by the example shop at /app/.

/**
 * Playwright's `test`, failing any test in which the shop's page throws or logs an error. The
 * gateway's frames have their own console (a declined card is a 402 there): not the SPA's to judge.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      page.on('console', (message) => {
        const { url } = message.location();
        if (message.type() === 'error' && (!url || url.startsWith(servers.merchant)))
          errors.push(`console: ${message.text()} at ${url}`);
      });
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

/** The SPA's payment form, once its field is ready. */
export function readyForm(page: Page) {
  return page.locator('form[data-ready="true"]');
}

/** Opens the SPA's checkout with a saved (test) card and waits for the field's `ready`; returns the order reference. */
export async function openSpaCheckout(page: Page, card?: string): Promise<string> {
  await page.goto(`/app/checkout${card ? `?card=${card}` : ''}`);
  await expect(readyForm(page)).toBeVisible();
  return (await readyForm(page).getAttribute('data-order-reference')) ?? '';
}

/** Types `cvn` into the hosted field and presses Pay. */
export async function payInSpa(page: Page, cvn: string): Promise<void> {
  await cvnInput(page).click();
  await page.keyboard.type(cvn);
  await expect(cvnInput(page)).toHaveValue(cvn);
  await page.getByRole('button', { name: /^Pay/ }).click();
}

/** The SPA's status line after a payment attempt. */
export function paymentStatus(page: Page) {
  return page.locator('#status');
}

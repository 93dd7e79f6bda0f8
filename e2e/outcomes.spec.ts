import { expect, test, type Page } from '@playwright/test';
import { WRONG_CODES_TO_FAIL, challenge, cvnInput, expectOrderStatus, failChallenge, openCheckout } from './checkout';

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
    // PAID comes with the first of the capture and the session's completion; the other may follow.
    await expect(page.locator('#order-events')).toContainText('The gateway captured the payment', { timeout: 10_000 });
  });
}

test('cpt-visa-challenge: a wrong code shows the tries left; the right one after it still pays', async ({ page }) => {
  await pay(page, 'cpt-visa-challenge', '123');
  const code = challenge(page).getByLabel('One-time code');
  await code.fill('9999');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expect(challenge(page).getByRole('alert')).toHaveText('That code is not correct. 2 tries left.');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription(/That code is not correct\. 2 tries left\./);
  await code.fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/orders\/order-[\w-]+$/);
  await expectOrderStatus(page, 'PAID');
});

test(`cpt-visa-challenge: ${WRONG_CODES_TO_FAIL} wrong one-time codes fail; the order is FAILED by webhook`, async ({
  page,
}) => {
  const reference = await pay(page, 'cpt-visa-challenge', '123');
  await failChallenge(challenge(page));
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

test.describe("the shop's server believes only what it can verify", () => {
  test('a forged or foreign result token is refused; a webhook without a valid signature is refused', async ({
    request,
  }) => {
    const create = async () =>
      (await (await request.post('/api/orders', { data: { card: 'cpt-visa-challenge' } })).json()) as {
        reference: string;
      };
    const order = await create();
    const forged = await request.post(`/api/orders/${order.reference}/result`, {
      data: { result_token: 'eyJhbGciOiJFUzI1NiJ9.eyJzdGF0dXMiOiJTVUNDRUVERUQifQ.c2ln' },
    });
    expect(forged.status()).toBe(422);
    expect(await forged.json()).toMatchObject({ error_code: 'INVALID_RESULT_TOKEN' });

    const webhook = await request.post('/webhooks/cards-session', {
      headers: {
        'x-callback-token': 'sandbox_callback_token',
        'webhook-id': 'evt-x',
        // Now: the signature, not the timestamp window, is what refuses it.
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      data: { id: 'evt-x', event: 'payment.capture', data: { payment_session_id: 'x' } },
    });
    expect(webhook.status()).toBe(401);
    expect(await webhook.json()).toMatchObject({ code: 'INVALID_WEBHOOK_SIGNATURE' });
    expect(await (await request.get(`/api/orders/${order.reference}`)).json()).toMatchObject({
      status: 'AWAITING_PAYMENT',
    });
  });

  test('a genuine result token for another order is refused with RESULT_MISMATCH', async ({ page, request }) => {
    // Read where the page sends it: Firefox under Playwright exposes no request bodies.
    await page.addInitScript(() => {
      const send = window.fetch;
      window.fetch = (input, init) => {
        if (String(input).endsWith('/result')) (window as unknown as { sent: unknown }).sent = init?.body;
        return send(input, init);
      };
    });
    await pay(page, 'cpt-visa-challenge', '123');
    await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
    const sent = await page.evaluate(() => (window as unknown as { sent: string }).sent);
    const token = (JSON.parse(sent) as { result_token: string }).result_token;
    expect(token.split('.')).toHaveLength(3);
    const other = (await (await request.post('/api/orders', { data: {} })).json()) as { reference: string };
    const res = await request.post(`/api/orders/${other.reference}/result`, { data: { result_token: token } });
    expect(res.status()).toBe(422);
    expect(await res.json()).toMatchObject({ error_code: 'RESULT_MISMATCH' });
  });
});

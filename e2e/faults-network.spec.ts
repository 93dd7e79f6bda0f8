import type { Page } from '@playwright/test';
import { challenge, cvnInput, expectOrderStatus, passChallenge } from './checkout';
import { expect, test, type FaultStack } from './fault-stack';

// The answer of the CVN submit lost on its way back (the gateway processed it; a phone dropped
// the connection), for every test-card outcome; then a gateway killed between submit and 3-D
// Secure. Each test says what the shopper sees and what the gateway holds for the session:
// exactly the payment requests one answered attempt makes, and at most one capture.

const SUBMIT = '/v1/payment_with_session';

async function typeAndPay(page: Page, cvn = '123') {
  await cvnInput(page).click();
  await page.keyboard.type(cvn);
  await page.getByRole('button', { name: /^Pay/ }).click();
}

/** Loses the next `times` answers of the CVN submit for `session`. */
function loseAnswers(faults: FaultStack, session: string, times: number) {
  faults.proxy.on((seen) => seen.path === SUBMIT && seen.session === session, { kind: 'lose' }, times);
}

const networkError = (page: Page) =>
  expect(page.locator('#status')).toHaveAttribute('data-code', 'NETWORK_ERROR', { timeout: 15_000 });

/** The submits the gateway received for `session`: every one must carry the same key and token. */
function submits(faults: FaultStack, session: string) {
  return faults.proxy.seen.filter((s) => s.path === SUBMIT && s.session === session);
}

const OUTCOMES = {
  'cpt-visa-challenge': { paymentRequests: 1, captures: 1 },
  'cpt-visa-frictionless': { paymentRequests: 1, captures: 1 },
  'cpt-visa-decline': { paymentRequests: 1, captures: 0 },
  'cpt-visa-cvn-mismatch': { paymentRequests: 0, captures: 0 },
} as const;

/** What the shopper must see once the attempt's answer finally arrives. */
async function seesOutcome(page: Page, card: keyof typeof OUTCOMES, reference: string, base: string) {
  if (card === 'cpt-visa-challenge') {
    await passChallenge(page);
  }
  if (card === 'cpt-visa-challenge' || card === 'cpt-visa-frictionless') {
    await expect(page).toHaveURL(new RegExp(`/orders/${reference}$`));
    return expectOrderStatus(page, 'PAID');
  }
  const code = card === 'cpt-visa-decline' ? 'CARD_DECLINED' : 'INVALID_CVN';
  await expect(page.locator('#status')).toHaveAttribute('data-code', code);
  await page.goto(`${base}/orders/${reference}`);
  await expectOrderStatus(page, card === 'cpt-visa-decline' ? 'FAILED' : 'AWAITING_PAYMENT');
}

for (const card of Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[]) {
  test(`${card}: one answer lost, the frame's own retry gets it; one attempt at the gateway`, async ({
    page,
    faults,
  }) => {
    const { session, reference } = await faults.open(page, card);
    loseAnswers(faults, session, 1);
    await typeAndPay(page);
    await seesOutcome(page, card, reference, faults.merchant);
    const sent = submits(faults, session);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((s) => `${s.idempotencyKey} ${s.authorization}`)).size).toBe(1);
    expect(faults.ledger(session)).toEqual(OUTCOMES[card]);
  });

  test(`${card}: every try lost, NETWORK_ERROR; Pay again resumes the same attempt`, async ({ page, faults }) => {
    const { session, reference } = await faults.open(page, card);
    loseAnswers(faults, session, 3);
    await typeAndPay(page);
    await networkError(page);
    await page.getByRole('button', { name: /^Pay/ }).click();
    await seesOutcome(page, card, reference, faults.merchant);
    const sent = submits(faults, session);
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => `${s.idempotencyKey} ${s.authorization}`)).size).toBe(1);
    expect(faults.ledger(session)).toEqual(OUTCOMES[card]);
  });
}

test('frictionless, every answer lost: reloading the checkout shows the paid order, never a second payment', async ({
  page,
  faults,
}) => {
  const { session, reference } = await faults.open(page, 'cpt-visa-frictionless');
  loseAnswers(faults, session, 3);
  await typeAndPay(page);
  await networkError(page);
  await page.reload();
  await expect(page).toHaveURL(`${faults.merchant}/orders/${reference}`);
  await expectOrderStatus(page, 'PAID');
  expect(faults.ledger(session)).toEqual({ paymentRequests: 1, captures: 1 });
});

test('the gateway killed after the answer was lost: the replay survives the restart', async ({ page, faults }) => {
  const { session } = await faults.open(page, 'cpt-visa-challenge');
  loseAnswers(faults, session, 3);
  await typeAndPay(page);
  await networkError(page);
  await faults.restartGateway();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
  expect(faults.ledger(session)).toEqual({ paymentRequests: 1, captures: 0 });
});

test('the gateway killed between submit and 3-D Secure: the challenge still pays, once', async ({ page, faults }) => {
  const { session, reference } = await faults.open(page, 'cpt-visa-challenge');
  await typeAndPay(page);
  await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
  await faults.restartGateway();
  await passChallenge(page);
  await expect(page).toHaveURL(`${faults.merchant}/orders/${reference}`);
  await expectOrderStatus(page, 'PAID');
  expect(faults.ledger(session)).toEqual({ paymentRequests: 1, captures: 1 });
});

test('the SPA, every answer lost: reloading its checkout lands on the paid order', async ({ page, faults }) => {
  await page.goto(`${faults.merchant}/app/checkout?card=cpt-visa-frictionless`);
  const form = page.locator('form[data-ready="true"]');
  await expect(form).toBeVisible();
  const reference = (await form.getAttribute('data-order-reference')) ?? '';
  const session = await page.evaluate(
    async (ref) =>
      ((await (await fetch(`/api/orders/${ref}`)).json()) as { payment_session_id: string }).payment_session_id,
    reference,
  );
  loseAnswers(faults, session, 3);
  await typeAndPay(page);
  await networkError(page);
  await page.reload();
  await expect(page).toHaveURL(`${faults.merchant}/app/orders/${reference}`);
  await expectOrderStatus(page, 'PAID');
  expect(faults.ledger(session)).toEqual({ paymentRequests: 1, captures: 1 });
});

import type { Page } from '@playwright/test';
import { createSession, cvnInput, expectOrderStatus, passChallenge } from './checkout';
import { expect, test, type FaultStack } from './fault-stack';
import { mountExtra } from './page-sdk';

// What the page does to the field, and what the network does to its frame: the container moved
// (frameworks re-parent nodes, and the browser reloads the iframe), the frame reloaded mid-entry,
// a mount while offline, a frame document that never comes, a frame script that never runs.

/** Re-parents the field's container, as a framework does: the browser reloads the iframe. */
async function moveContainer(page: Page) {
  await page.evaluate(() => {
    const container = document.getElementById('cvn') as HTMLElement;
    const wrapper = document.createElement('div');
    container.before(wrapper);
    wrapper.append(container);
  });
}

const pay = (page: Page) => page.getByRole('button', { name: /^Pay/ });

/** Types a code, pays, passes the challenge: the order page reaches PAID. */
async function payThrough(page: Page, faults: FaultStack, session: string, reference: string) {
  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(pay(page)).toBeEnabled();
  await pay(page).click();
  await passChallenge(page);
  await expect(page).toHaveURL(`${faults.merchant}/orders/${reference}`);
  await expectOrderStatus(page, 'PAID');
  expect(faults.ledger(session)).toEqual({ paymentRequests: 1, captures: 1 });
}

test('the container moved before typing: the field comes back in its new place and pays', async ({ page, faults }) => {
  const { session, reference } = await faults.open(page);
  await moveContainer(page);
  await expect(page.locator('#cvn')).not.toHaveClass(/cs-field--loading/);
  await expect(page.locator('#cvn iframe')).toHaveCount(1);
  await payThrough(page, faults, session, reference);
});

test('the container moved after typing: the page hears the field is empty again, then it pays', async ({
  page,
  faults,
}) => {
  const { session, reference } = await faults.open(page);
  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(pay(page)).toBeEnabled();
  await moveContainer(page);
  await expect(pay(page)).toBeDisabled();
  await expect(page.locator('#cvn')).toHaveClass(/cs-field--empty/);
  await expect(cvnInput(page)).toHaveValue('');
  await payThrough(page, faults, session, reference);
});

test('the frame reloaded mid-entry: the page does not go on believing it is complete', async ({ page, faults }) => {
  const { session, reference } = await faults.open(page);
  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(pay(page)).toBeEnabled();
  const frame = page.frames().find((f) => f.url().startsWith(`${faults.proxy.origin}/v1/frames/cvn`));
  await frame?.evaluate(() => location.reload());
  await expect(pay(page)).toBeDisabled();
  await expect(cvnInput(page)).toHaveValue('');
  await payThrough(page, faults, session, reference);
});

test('a mount while offline fails FRAME_UNREACHABLE at once; back online, a mount works', async ({ page, faults }) => {
  await faults.open(page);
  const at = { gateway: faults.proxy.origin, merchant: faults.merchant };
  const paymentSessionId = await createSession({}, at);
  await page.context().setOffline(true);
  const offline = await mountExtra(page, 'offline', { paymentSessionId });
  expect(offline).toMatchObject({ ok: false, code: 'FRAME_UNREACHABLE' });
  expect(offline.ok || offline.message).toContain('offline');
  expect(offline.ok || offline.elapsed).toBeLessThan(1000);
  await page.context().setOffline(false);
  expect(await mountExtra(page, 'online', { paymentSessionId })).toEqual({ ok: true });
});

test('a frame whose script never runs: the shopper is told FRAME_NOT_RESPONDING, not after readyTimeout', async ({
  page,
  faults,
}) => {
  faults.proxy.on((seen) => /^\/assets\/[^/]+\/frame\.js$/.test(seen.path), { kind: 'status', status: 404 });
  const started = Date.now();
  await page.goto(faults.merchant);
  await expect(page.locator('#status')).toHaveAttribute('data-code', 'FRAME_NOT_RESPONDING');
  expect(Date.now() - started).toBeLessThan(8000);
  await expect(page.locator('#status')).toContainText('did not start');
  await expect(page.locator('#cvn iframe')).toHaveCount(0);
});

test('a frame document that never comes: FRAME_UNREACHABLE, well before readyTimeout', async ({ page, faults }) => {
  await faults.open(page);
  const at = { gateway: faults.proxy.origin, merchant: faults.merchant };
  const paymentSessionId = await createSession({}, at);
  // Every try: browsers re-send a navigation whose connection was cut.
  faults.proxy.on((seen) => seen.path === '/v1/frames/cvn', { kind: 'refuse' }, 10);
  const outcome = await mountExtra(page, 'cut', { paymentSessionId, readyTimeout: 10_000 });
  expect(outcome).toMatchObject({ ok: false, code: 'FRAME_UNREACHABLE' });
  if (outcome.ok) return;
  expect(outcome.elapsed).toBeLessThan(5000);
  expect(outcome.message).toContain(`${faults.proxy.origin} did not answer`);
  await expect(page.locator('#cut iframe')).toHaveCount(0);
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import axe from 'axe-core';
import { challenge, cvnInput, CUSTOM_DESIGN, expectOrderStatus, openCheckout } from './checkout';
import { openSpaCheckout, payInSpa } from './spa';

// axe-core audits against WCAG 2.2 A and AA, in the merchant page and every frame in it (the
// hosted field, the 3-D Secure challenge): the page is only as accessible as its frames.

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// @axe-core/playwright gives each frame 1 s to evaluate axe's 500 KB source and silently skips a
// frame that takes longer, as a loaded CI machine does. So every frame gets axe first, with no
// limit, and the builder's source only loads axe where it is missing (its own blank page).
const AXE_IF_MISSING = `if (!window.axe) (0, eval)(${JSON.stringify(axe.source)});`;

/** Audits the page and its frames; `frames` are the frames that must have been checked. */
export async function audit(page: Page, frames: string[]): Promise<void> {
  const expected = [...frames].sort();
  let found: string[] = [];
  let audited: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    for (const frame of page.frames()) await frame.evaluate(axe.source).catch(() => undefined);
    const builder = new AxeBuilder({ page, axeSource: AXE_IF_MISSING }).withTags(WCAG_22_AA);
    const { violations, passes } = await builder.analyze();
    found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`);
    // A run that checked nothing would pass too: each frame named must show up in what passed.
    const inFrames = passes.flatMap((p) => p.nodes.filter((n) => n.target.length > 1).map((n) => String(n.target[0])));
    audited = [...new Set(inFrames)].sort();
    // Should a frame still be skipped, audit again rather than pass it unchecked.
    if (audited.join() === expected.join()) break;
  }
  expect(found).toEqual([]);
  expect(audited).toEqual(expected);
}

test.describe('axe-core, WCAG 2.2 AA, all frames: the script-tag checkout', () => {
  test('the checkout with the field ready', async ({ page }) => {
    await openCheckout(page);
    await audit(page, ['iframe']);
  });

  test('the checkout with the help popover open and an invalid field', async ({ page }) => {
    await openCheckout(page);
    await cvnInput(page).click();
    await page.keyboard.type('1');
    await cvnInput(page).blur();
    await expect(page.locator('.cs-tooltip')).toBeVisible();
    await audit(page, ['iframe']);
  });

  test("the custom form (the shop's own HTML and CSS) with the field ready", async ({ page }) => {
    await openCheckout(page, undefined, 'modal', CUSTOM_DESIGN);
    await expect(page.frameLocator('#cvn iframe').locator('.kopi')).toBeVisible();
    await audit(page, ['iframe']);
  });

  test('the custom form with an invalid field and its error tooltip', async ({ page }) => {
    await openCheckout(page, undefined, 'modal', CUSTOM_DESIGN);
    await expect(page.frameLocator('#cvn iframe').locator('.kopi')).toBeVisible();
    await cvnInput(page).click();
    await page.keyboard.type('1');
    await cvnInput(page).blur();
    await expect(page.locator('.cs-tooltip')).toBeVisible();
    await audit(page, ['iframe']);
  });

  test('the 3-D Secure challenge in the modal', async ({ page }) => {
    await openCheckout(page);
    await cvnInput(page).click();
    await page.keyboard.type('123');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
    // Behind the modal everything is inert, so axe checks the challenge frame only.
    await audit(page, ['.cs-3ds > iframe']);
  });

  test('the order page once paid', async ({ page }) => {
    await openCheckout(page, 'cpt-visa-frictionless');
    await cvnInput(page).click();
    await page.keyboard.type('123');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await expectOrderStatus(page, 'PAID');
    await audit(page, []);
  });
});

test.describe('axe-core, WCAG 2.2 AA, all frames: the React SPA', () => {
  test('the cart', async ({ page }) => {
    await page.goto('/app/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await audit(page, []);
  });

  test('the checkout with the field ready, then invalid', async ({ page }) => {
    await openSpaCheckout(page);
    await audit(page, ['iframe']);
    await cvnInput(page).click();
    await page.keyboard.type('1');
    await cvnInput(page).blur();
    await expect(page.locator('.cs-tooltip')).toBeVisible();
    await audit(page, ['iframe']);
  });

  test('the 3-D Secure challenge in the modal, then the paid order page', async ({ page }) => {
    await openSpaCheckout(page, 'cpt-visa-challenge');
    await payInSpa(page, '123');
    await expect(challenge(page).getByLabel('One-time code')).toBeVisible();
    await audit(page, ['.cs-3ds > iframe']);
    await challenge(page).getByLabel('One-time code').fill('1234');
    await challenge(page).getByRole('button', { name: 'Confirm' }).click();
    await expectOrderStatus(page, 'PAID');
    await audit(page, []);
  });
});

import axe, { type AxeResults, type RunOptions } from 'axe-core';
import { CUSTOM_DESIGN } from '../checkout';
import { expect, test } from './fixtures';
import { PAGE, type Scope, type Shopper } from './shopper';
import { CHALLENGE, CVN, expectCustomForm, has, openCheckout, pay, tooltip, typeCvn } from './steps';

// axe-core, WCAG 2.2 A and AA, in the engines Playwright does not drive (WebKit, Firefox with
// Fission on): the merchant page and each frame in it, audited one document at a time, with
// axe's source run by the driver (the frame's CSP allows no script of ours). Chromium and Firefox
// audit every frame in one run through @axe-core/playwright (e2e/a11y.spec.ts).

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Audit {
  violations: string[];
  passes: string[];
}

/** Runs axe in one document: what it found wrong, and the rules that passed there. */
async function auditOne(shopper: Shopper, scope: Scope): Promise<Audit> {
  await shopper.addScript(scope, axe.source);
  return shopper.evaluate(
    scope,
    async (tags) => {
      const { axe: engine } = window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } };
      const result = await engine.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false });
      return {
        violations: result.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`,
        ),
        passes: result.passes.map((p) => p.id),
      };
    },
    WCAG_22_AA,
  );
}

/**
 * Audits each scope; each must have no violation, and pass the rules named for it: a run that
 * checked nothing (a frame still blank, the wrong document) would pass too.
 */
async function audit(shopper: Shopper, scopes: [Scope, string[]][]) {
  for (const [scope, rules] of scopes) {
    const where = scope.frame ?? 'the page';
    const { violations, passes } = await auditOne(shopper, scope);
    expect(violations, `violations in ${where}`).toEqual([]);
    expect(passes, `rules that passed in ${where}`).toEqual(expect.arrayContaining(rules));
  }
}

// The page: its iframes have titles, its document a language; the field: its input has a label.
const PAGE_RULES = ['frame-title', 'html-has-lang'];
const FIELD_RULES = ['label', 'html-has-lang'];

// The default field, and the example shop's custom form (its own HTML and CSS).
for (const design of [undefined, CUSTOM_DESIGN]) {
  test(`axe: the ${design ? `custom form ${design}` : 'default field'} ready, page and field`, async ({ shopper }) => {
    await openCheckout(shopper, 'cpt-visa-challenge', 'modal', design);
    if (design) await expectCustomForm(shopper);
    await audit(shopper, [
      [PAGE, PAGE_RULES],
      [CVN, FIELD_RULES],
    ]);
  });
}

test('axe: the custom form with an invalid field and its error tooltip', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge', 'modal', CUSTOM_DESIGN);
  await expectCustomForm(shopper);
  await typeCvn(shopper, '1');
  await shopper.click('h1');
  await expect.poll(async () => (await tooltip(shopper))?.kind).toBe('error');
  await audit(shopper, [
    [PAGE, PAGE_RULES],
    [CVN, [...FIELD_RULES, 'aria-valid-attr-value']],
  ]);
});

test('axe: the 3-D Secure challenge in the modal', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge');
  await typeCvn(shopper, '123');
  await pay(shopper);
  await expect.poll(() => has(shopper, '.cs-3ds[role="dialog"] iframe')).toBe(true);
  await expect.poll(() => has(shopper, 'input', CHALLENGE)).toBe(true);
  await audit(shopper, [
    [PAGE, ['frame-title', 'aria-required-attr']],
    [CHALLENGE, ['label', 'html-has-lang']],
  ]);
});

test('axe: the audit sees into the frame: with its label taken away, the field fails "label"', async ({ shopper }) => {
  await openCheckout(shopper, 'cpt-visa-challenge');
  await shopper.evaluate(CVN, () => {
    for (const label of document.querySelectorAll('label')) label.remove();
    const input = document.querySelector('input');
    for (const name of ['aria-label', 'aria-labelledby', 'title', 'placeholder']) input?.removeAttribute(name);
  });
  const { violations } = await auditOne(shopper, CVN);
  expect(violations.map((v) => v.split(' ')[0])).toContain('label');
});

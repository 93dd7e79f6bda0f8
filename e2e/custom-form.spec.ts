import { spawn } from 'node:child_process';
import { expect, test, type Response } from '@playwright/test';
import { challenge, cvnInput, CUSTOM_DESIGN, expectOrderStatus, openCheckout } from './checkout';
import { keepScreenshot } from './engines/screens';
import { servers } from './env';

// The example shop's custom form (examples/checkout/forms/kopi/, pushed by the global setup):
// the merchant's own HTML and CSS rendered by the gateway around our input. It pays like the
// default field; every file it uses comes from the gateway; the frame's CSP names no other host.

/** A CSP's directives, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

test('the shop pays through its custom form: its design renders in the frame, modal 3-D Secure, PAID', async ({
  page,
}) => {
  const frameDocument = page.waitForResponse((r) => r.url().startsWith(`${servers.gateway}/v1/frames/cvn?`));
  const fromFrame: string[] = [];
  page.on('request', (r) => {
    if (r.frame().url().startsWith(`${servers.gateway}/v1/frames/cvn`)) fromFrame.push(r.url());
  });
  await openCheckout(page, 'cpt-visa-challenge', 'modal', CUSTOM_DESIGN);
  await expect(page.getByRole('link', { name: /kopi custom form/i })).toHaveAttribute('aria-current', 'true');

  const frame = page.frameLocator('#cvn iframe');
  // form.css applied (under the frame's CSP), the image loaded, the input inside <cs-cvn>.
  await expect(frame.locator('.kopi')).toHaveCSS('background-color', 'rgb(253, 246, 236)');
  await expect(frame.locator('.kopi-card-text')).toHaveText(/visa\s+•••• \d{4}/i);
  expect(await frame.locator('.kopi-bean').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(frame.locator('cs-cvn input')).toHaveCount(1);
  await keepScreenshot(await page.screenshot({ fullPage: true }), 'custom-form');

  // The frame's CSP: no host but the gateway's in any fetch directive; its parent is the shop.
  const policy = directives((await (frameDocument as Promise<Response>)).headers()['content-security-policy'] ?? '');
  expect(policy.get('default-src')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual([servers.merchant]);
  for (const [name, sources] of policy) {
    if (name === 'frame-ancestors' || name === 'report-uri' || name === 'report-to') continue;
    const hosts = sources.filter((s) => !/^'[\w+/=-]+'$/.test(s) && s !== servers.gateway);
    expect(hosts, `${name} ${sources.join(' ')}`).toEqual([]);
  }
  expect(policy.get('style-src')).toContain("'self'");

  await cvnInput(page).click();
  await page.keyboard.type('123');
  await expect(cvnInput(page)).toHaveValue('123');
  await keepScreenshot(await page.screenshot({ fullPage: true }), 'custom-form-typed');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await challenge(page).getByLabel('One-time code').fill('1234');
  await challenge(page).getByRole('button', { name: 'Confirm' }).click();
  await expectOrderStatus(page, 'PAID');

  // Everything the frame fetched (its script, the form's CSS and image, the API call) was the gateway's.
  expect(fromFrame.length).toBeGreaterThan(2);
  expect(fromFrame.filter((url) => !url.startsWith(`${servers.gateway}/`))).toEqual([]);
});

test('the standard design again cancels the custom form order and shows the default field', async ({ page }) => {
  await openCheckout(page, 'cpt-visa-challenge', 'modal', CUSTOM_DESIGN);
  const custom = await page.locator('main').getAttribute('data-payment-session-id');
  await page.getByRole('link', { name: 'Standard field' }).click();
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  expect(await page.locator('main').getAttribute('data-design')).toBe('standard');
  expect(await page.locator('main').getAttribute('data-payment-session-id')).not.toBe(custom);
  await expect(page.frameLocator('#cvn iframe').locator('.kopi')).toHaveCount(0);
  await expect(cvnInput(page)).toBeVisible();
});

test('an unknown design is refused by the shop with UNKNOWN_DESIGN', async ({ page }) => {
  const res = await page.goto('/?design=nope');
  expect(res?.status()).toBe(400);
  await expect(page.locator('code')).toHaveText('UNKNOWN_DESIGN');
});

test('`cards-session-sandbox forms preview` shows the form on its own origin, and pays', async ({ page }) => {
  const cli = spawn(
    process.execPath,
    [
      'packages/sandbox/dist/cli.js',
      ...['forms', 'preview', CUSTOM_DESIGN, '--port', '0'],
      ...['--gateway', servers.gateway, '--key', servers.secretKey],
    ],
    { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      cli.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (found?.[1]) resolve(found[1]);
      });
      cli.on('exit', (code) => reject(new Error(`forms preview exited ${code}: ${out}`)));
    });
    await page.goto(url);
    await expect(page.locator('main[data-ready="true"]')).toBeVisible();
    const frame = page.frameLocator('#cvn iframe');
    await expect(frame.locator('.kopi')).toHaveCSS('background-color', 'rgb(253, 246, 236)');
    await frame.locator('input').click();
    await page.keyboard.type('123');
    await page.getByRole('button', { name: 'Pay' }).click();
    await challenge(page).getByLabel('One-time code').fill('1234');
    await challenge(page).getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('status')).toHaveText('Payment succeeded. Reload for a new test session.');
  } finally {
    cli.kill('SIGTERM');
  }
});

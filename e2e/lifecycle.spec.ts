import { expect, test } from '@playwright/test';
import { createSession, openCheckout } from './checkout';
import { changes, eventNames, extraInput, gatewayGet, mountExtra, type TestWindow } from './page-sdk';
import { freePort } from './env';

test("locale 'id': Indonesian iframe title, label, error and 3-D Secure dialog", async ({ page }) => {
  await openCheckout(page);
  const paymentSessionId = await createSession();
  expect(await mountExtra(page, 'field-id', { paymentSessionId, locale: 'id' }, { help: true })).toEqual({ ok: true });
  const frame = page.frameLocator('#field-id iframe');
  const input = frame.locator('input');
  await expect(page.locator('#field-id iframe')).toHaveAttribute('title', 'Input aman untuk kode keamanan kartu');
  await expect(input).toHaveAccessibleName('Kode keamanan kartu');
  await expect(frame.locator('label[for="cvn"]')).toHaveText('Kode keamanan kartu');
  await expect(input).toHaveAttribute('placeholder', 'CVN');
  await expect(frame.getByRole('button', { name: 'Apa itu kode keamanan?' })).toHaveCount(1);
  await expect(frame.locator('html')).toHaveAttribute('lang', 'id');

  await input.click();
  await page.keyboard.type('9');
  await page.getByRole('heading', { name: 'Order summary' }).click();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(frame.locator('#cvn-error')).toHaveText('Kode keamanan kartu Anda belum lengkap.');
  await expect(page.locator('.cs-tooltip')).toHaveText('Kode keamanan kartu Anda belum lengkap.');
  const last = (await changes(page, 'field-id')).at(-1);
  expect(last?.error).toEqual({ code: 'INCOMPLETE_CVN', message: 'Kode keamanan kartu Anda belum lengkap.' });

  // The modal 3-D Secure follows the session's locale too; its close button cancels.
  await input.click();
  await page.keyboard.type('12');
  await expect(input).toHaveValue('912');
  await page.evaluate(() => {
    const extra = (window as unknown as TestWindow).extras['field-id'];
    void extra?.session
      .submit()
      .then((result) => extra.session.authenticate(result, { mode: 'modal' }))
      .then((outcome) => extra.events.push({ name: 'authenticated', payload: outcome }));
  });
  await expect(page.getByRole('dialog', { name: 'Verifikasi pembayaran dengan bank Anda' })).toBeVisible();
  await page.getByRole('button', { name: 'Batalkan verifikasi' }).click();
  await expect(page.locator('.cs-3ds')).toHaveCount(0);
  const outcome = () =>
    page.evaluate(
      () =>
        (window as unknown as TestWindow).extras['field-id']?.events.find((e) => e.name === 'authenticated')?.payload,
    );
  await expect.poll(outcome).toMatchObject({ status: 'CANCELED' });
});

test('destroy() removes the frame and classes for good; unmount() then mount() works again', async ({ page }) => {
  await openCheckout(page);
  const container = page.locator('#gone');
  expect(await mountExtra(page, 'gone', { paymentSessionId: await createSession() })).toEqual({ ok: true });
  await expect(container.locator('iframe')).toHaveCount(1);
  await expect(container).toHaveClass('extra cs-field cs-field--empty');

  const afterDestroy = await page.evaluate(async () => {
    const { field } = (window as unknown as TestWindow).extras.gone ?? {};
    field?.destroy();
    const mount = await field?.mount('#gone').then(
      () => 'mounted',
      (err: { code: string; message: string }) => `${err.code}: ${err.message}`,
    );
    let update = 'no error';
    try {
      field?.update({ placeholder: 'x' });
    } catch (err) {
      update = `${(err as { code: string }).code}`;
    }
    return { mount, update, state: field?.state };
  });
  expect(afterDestroy).toEqual({
    mount: 'FIELD_STATE: mount: the field is destroyed',
    update: 'FIELD_STATE',
    state: null,
  });
  await expect(container.locator('iframe')).toHaveCount(0);
  await expect(container).toHaveClass('extra');
  expect(await page.evaluate(() => document.getElementById('gone')?.className)).toBe('extra');

  // A field that is only unmounted can come back.
  expect(await mountExtra(page, 'again', { paymentSessionId: await createSession() })).toEqual({ ok: true });
  const again = page.locator('#again');
  await page.evaluate(() => (window as unknown as TestWindow).extras.again?.field.unmount());
  await expect(again.locator('iframe')).toHaveCount(0);
  await expect(again).toHaveClass('extra');
  const remount = await page.evaluate(() =>
    (window as unknown as TestWindow).extras.again?.field.mount('#again').then(() => 'ready'),
  );
  expect(remount).toBe('ready');
  await expect(again.locator('iframe')).toHaveCount(1);
  expect((await eventNames(page, 'again')).filter((n) => n === 'ready')).toHaveLength(2);
  await extraInput(page, 'again').click();
  await page.keyboard.type('321');
  await expect(extraInput(page, 'again')).toHaveValue('321');
  await expect.poll(async () => (await changes(page, 'again')).at(-1)?.complete).toBe(true);
  await expect(again).toHaveClass(/cs-field--complete/);
});

test('two fields on two sessions: each reports its own state and pays its own session', async ({ page }) => {
  await openCheckout(page);
  const [a, b] = [await createSession(), await createSession()];
  expect(await mountExtra(page, 'field-a', { paymentSessionId: a })).toEqual({ ok: true });
  expect(await mountExtra(page, 'field-b', { paymentSessionId: b })).toEqual({ ok: true });
  const initial = { empty: true, complete: false, valid: false, brand: 'visa' };
  expect(await changes(page, 'field-a')).toEqual([initial]);
  expect(await changes(page, 'field-b')).toEqual([initial]);

  await extraInput(page, 'field-a').click();
  await page.keyboard.type('12');
  // A change when the state changes, not one per key: '1' and '12' are the same state.
  await expect(extraInput(page, 'field-a')).toHaveValue('12');
  await expect.poll(async () => await changes(page, 'field-a')).toEqual([initial, { ...initial, empty: false }]);
  expect(await changes(page, 'field-b')).toEqual([initial]);
  expect(await eventNames(page, 'field-b')).toEqual(['ready', 'change']);

  await page.keyboard.type('3');
  await extraInput(page, 'field-b').click();
  await page.keyboard.type('456');
  const complete = { empty: false, complete: true, valid: true, brand: 'visa' };
  await expect.poll(async () => (await changes(page, 'field-b')).at(-1)).toEqual(complete);
  expect((await changes(page, 'field-a')).at(-1)).toEqual(complete);
  expect((await changes(page, 'field-b')).length).toBe(3);

  const results = await page.evaluate(async () => {
    const { extras } = window as unknown as TestWindow;
    const [ra, rb] = await Promise.all([extras['field-a']?.session.submit(), extras['field-b']?.session.submit()]);
    return [ra?.payment_request_id, rb?.payment_request_id];
  });
  const [prA, prB] = results;
  expect(prA).toMatch(/^pr-/);
  expect(prB).toMatch(/^pr-/);
  expect(prA).not.toBe(prB);
  // The gateway says which session each payment request belongs to.
  type Pr = { payment_session_id: string; status: string };
  expect(await gatewayGet<Pr>(`/v1/payment_requests/${prA}`)).toMatchObject({
    payment_session_id: a,
    status: 'REQUIRES_ACTION',
  });
  expect(await gatewayGet<Pr>(`/v1/payment_requests/${prB}`)).toMatchObject({
    payment_session_id: b,
    status: 'REQUIRES_ACTION',
  });
});

test("a gateway the page's CSP does not allow: FRAME_BLOCKED at once, with an error event", async ({ page }) => {
  await openCheckout(page);
  const paymentSessionId = await createSession();
  const elsewhere = `http://localhost:${await freePort()}`;
  const outcome = await mountExtra(page, 'nowhere', { paymentSessionId, gatewayOrigin: elsewhere });
  expect(outcome).toMatchObject({ ok: false, code: 'FRAME_BLOCKED' });
  expect(outcome.ok || outcome.message).toContain(`allow ${elsewhere} in frame-src`);
  expect(outcome.ok || outcome.elapsed).toBeLessThan(3000);
  const errors = await page.evaluate(() =>
    (window as unknown as TestWindow).extras.nowhere?.events.map((e) => [
      e.name,
      (e.payload as { code?: string }).code,
    ]),
  );
  const code = 'FRAME_BLOCKED';
  expect(errors).toEqual([['error', code]]);
  await expect(page.locator('#nowhere iframe')).toHaveCount(0);
  await expect(page.locator('#nowhere')).toHaveClass('extra');
});

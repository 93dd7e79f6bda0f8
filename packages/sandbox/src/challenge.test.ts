import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientToken, createSession, pay, start, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
let five: TestSandbox;
beforeAll(async () => {
  sb = await start();
  five = await start({ maxWrongThreeDsCodes: 5 });
});
afterAll(async () => {
  await sb.stop();
  await five.stop();
});

/** A payment request awaiting its challenge, on a session in `locale`. */
async function awaiting(target = sb, locale = 'en'): Promise<{ id: string; pr: string; url: string }> {
  const { payment_session_id: id } = await createSession(target, { locale });
  const { status, json } = await pay(target, { token: await clientToken(target, id), session: id, cvn: '123' });
  expect(status).toBe(200);
  return { id, pr: json.payment_request_id, url: json.action_url };
}

const answer = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
const wrong = (url: string) => answer(url, { code: '0000', action: 'authenticate' });

const eventsOf = (target: TestSandbox, pr: string) =>
  target
    .webhookLog()
    .filter((e) => JSON.parse(e.body).data.payment_request_id === pr)
    .map((e) => [e.type, JSON.parse(e.body).data.failure_code]);

/** The alert after a wrong code, and what the field says about itself. */
function errorOf(html: string): { alert: string | null; input: string } {
  return {
    alert: /<p id="code-error" class="error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null,
    input: /<input id="code"[^>]*>/.exec(html)?.[0] ?? '',
  };
}

describe('wrong 3-D Secure codes per payment request', () => {
  it('shows the challenge again with an alert and the tries left; the third wrong code fails it', async () => {
    const { id, pr, url } = await awaiting();
    for (const left of [2, 1]) {
      const res = await wrong(url);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const { alert, input } = errorOf(await res.text());
      expect(alert).toBe(`That code is not correct. ${left} ${left === 1 ? 'try' : 'tries'} left.`);
      expect(input).toContain('aria-invalid="true"');
      expect(input).toContain('aria-describedby="code-error hint"');
      expect(input).toContain('autofocus');
      // Nothing decided yet: the request waits, no webhook.
      expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.status).toBe('REQUIRES_ACTION');
      expect(eventsOf(sb, pr)).toEqual([]);
    }
    const last = await wrong(url);
    expect(last.status).toBe(303);
    expect(last.headers.get('location')).toBe('https://shop.example/failure');
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json).toMatchObject({
      status: 'FAILED',
      failure_code: 'AUTHENTICATION_FAILED',
    });
    expect(eventsOf(sb, pr)).toEqual([['payment.failure', 'AUTHENTICATION_FAILED']]);
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json.status).toBe('ACTIVE');
    // Over: another answer is refused, a reload goes to the failure URL.
    expect((await answer(url, { code: '1234', action: 'authenticate' })).status).toBe(409);
    expect((await fetch(url, { redirect: 'manual' })).headers.get('location')).toBe('https://shop.example/failure');
  });

  it('pays with the right code after wrong ones', async () => {
    const { id, pr, url } = await awaiting();
    expect((await wrong(url)).status).toBe(422);
    expect((await wrong(url)).status).toBe(422);
    const paid = await answer(url, { code: '1234', action: 'authenticate' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe('http://127.0.0.1:4300/success');
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json).toMatchObject({
      status: 'COMPLETED',
      payment_request_id: pr,
    });
    expect(
      eventsOf(sb, pr)
        .map(([type]) => type)
        .sort(),
    ).toEqual(['payment.capture', 'payment_session.completed']);
  });

  it('cancels at once, whatever the wrong codes before', async () => {
    const { pr, url } = await awaiting();
    expect((await wrong(url)).status).toBe(422);
    const canceled = await answer(url, { code: '', action: 'cancel' });
    expect(canceled.status).toBe(303);
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.failure_code).toBe('AUTHENTICATION_CANCELED');
  });

  it('keeps the count per payment request, and shows it on a reload', async () => {
    const first = await awaiting();
    expect((await wrong(first.url)).status).toBe(422);
    expect((await wrong(first.url)).status).toBe(422);
    const reloaded = errorOf(await (await fetch(first.url)).text());
    expect(reloaded.alert).toBe('That code is not correct. 1 try left.');
    // Another payment request of another session starts with every try.
    const second = await awaiting();
    expect(errorOf(await (await fetch(second.url)).text()).alert).toBeNull();
    expect(errorOf(await (await wrong(second.url)).text()).alert).toBe('That code is not correct. 2 tries left.');
  });

  it('decides once under parallel wrong codes: one failure, one webhook', async () => {
    const { pr, url } = await awaiting();
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => wrong(url)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(2);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    expect(eventsOf(sb, pr)).toEqual([['payment.failure', 'AUTHENTICATION_FAILED']]);
  });

  it('says it in Indonesian on an id session', async () => {
    const { url } = await awaiting(sb, 'id');
    const page = await (await fetch(url)).text();
    expect(page).toContain('<html lang="id">');
    expect(page).toContain('<label for="code">Kode sekali pakai</label>');
    expect(page).toContain('Sandbox: 1234 berhasil; 3 kode salah menggagalkan pembayaran.');
    expect(page).toMatch(/Rp\s250\.000 ke referensi merchant <strong>order-1<\/strong>/);
    expect(errorOf(await (await wrong(url)).text()).alert).toBe('Kode itu salah. Sisa 2 percobaan.');
  });

  it('follows maxWrongThreeDsCodes', async () => {
    const { pr, url } = await awaiting(five);
    expect(await (await fetch(url)).text()).toContain('Sandbox: 1234 passes; 5 wrong codes fail the payment.');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrong(url)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 303]);
    expect(eventsOf(five, pr)).toEqual([['payment.failure', 'AUTHENTICATION_FAILED']]);
  });
});

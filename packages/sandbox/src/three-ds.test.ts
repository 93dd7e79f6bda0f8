import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientToken, createSession, jsonOf, pay, start, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.stop());

/** A session paid with a valid CVN: its id and the payment request awaiting 3-D Secure. */
async function awaitingChallenge(): Promise<{ id: string; pr: string; actionUrl: string; nextToken: string }> {
  const { payment_session_id: id } = await createSession(sb);
  const { status, json } = await pay(sb, { token: await clientToken(sb, id), session: id, cvn: '123' });
  expect(status).toBe(200);
  return { id, pr: json.payment_request_id, actionUrl: json.action_url, nextToken: json.client_token };
}

const submit = (actionUrl: string, form: Record<string, string>) =>
  fetch(actionUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });

describe('3-D Secure simulator', () => {
  it('renders the challenge form with a CSP that lets it post and redirect to the return URLs', async () => {
    const { pr, actionUrl } = await awaitingChallenge();
    const res = await fetch(actionUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="/v1/3ds/${pr}">`);
    expect(html).toContain('name="code"');
    expect(html).toMatch(/IDR\s250,000 to merchant reference <strong>order-1<\/strong>, card •••• 1091\./);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:4300 https://shop.example");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers 404 for an unknown payment request', async () => {
    const res = await fetch(`${sb.origin}/v1/3ds/pr-unknown`);
    expect(res.status).toBe(404);
    expect((await jsonOf(res)).error_code).toBe('DATA_NOT_FOUND');
  });

  it('passes with the right code: 303 to success_return_url, SUCCEEDED, session COMPLETED', async () => {
    const { id, pr, actionUrl, nextToken } = await awaitingChallenge();
    const res = await submit(actionUrl, { code: '1234', action: 'authenticate' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://127.0.0.1:4300/success');

    const payment = await api(sb, 'GET', `/v1/payment_requests/${pr}`);
    expect(payment.status).toBe(200);
    expect(payment.json).toMatchObject({ payment_request_id: pr, status: 'SUCCEEDED', failure_code: null });
    const session = await api(sb, 'GET', `/v1/sessions/${id}`);
    expect(session.json).toMatchObject({ status: 'COMPLETED', payment_request_id: pr });

    // A completed session takes no more CVNs and serves no more frames.
    const again = await pay(sb, { token: nextToken, session: id, cvn: '123' });
    expect(again.status).toBe(409);
    expect(again.json.error_code).toBe('SESSION_NOT_ACTIVE');
    const frame = await fetch(
      `${sb.origin}/v1/frames/cvn?${new URLSearchParams({ session: id, origin: 'http://127.0.0.1:4300' })}`,
    );
    expect(frame.status).toBe(409);
  });

  it.each([
    ['the third wrong code', ['0000', '1111', '2222'], 'authenticate', 'AUTHENTICATION_FAILED'],
    ['cancel', ['1234'], 'cancel', 'AUTHENTICATION_CANCELED'],
  ])('fails on %s: 303 to failure_return_url, FAILED with failure_code', async (_, codes, action, failure) => {
    const { id, pr, actionUrl } = await awaitingChallenge();
    const answers = [];
    for (const code of codes) answers.push(await submit(actionUrl, { code, action }));
    const res = answers.at(-1) as Response;
    expect(answers.slice(0, -1).map((r) => r.status)).toEqual(codes.slice(1).map(() => 422));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example/failure');
    const payment = await api(sb, 'GET', `/v1/payment_requests/${pr}`);
    expect(payment.json).toMatchObject({ status: 'FAILED', failure_code: failure });
    // The session stays ACTIVE so the shopper can try again.
    expect((await api(sb, 'GET', `/v1/sessions/${id}`)).json).toMatchObject({
      status: 'ACTIVE',
      payment_request_id: null,
    });
  });

  it('answers 409 to a second POST; a GET once the challenge is over returns to the result URL', async () => {
    const { pr, actionUrl } = await awaitingChallenge();
    expect((await submit(actionUrl, { code: '1234', action: 'authenticate' })).status).toBe(303);
    const second = await submit(actionUrl, { code: '0000', action: 'authenticate' });
    expect(second.status).toBe(409);
    expect((await jsonOf(second)).error_code).toBe('SESSION_NOT_ACTIVE');
    expect((await api(sb, 'GET', `/v1/payment_requests/${pr}`)).json.status).toBe('SUCCEEDED');
    const page = await fetch(actionUrl, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('http://127.0.0.1:4300/success');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { PaymentApi } from './api';
import { SecretCvn } from './secret';

const ok = {
  payment_request_id: 'pr_1',
  action_url: 'https://acs.example/3ds',
  message: 'Authenticate',
  client_token: 'ct_2',
  result_token: 'h.p.s',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function api(...answers: (() => Response | Promise<Response>)[]) {
  const fetcher = vi.fn<typeof fetch>(async () => {
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next();
  });
  const request = (n: number) => {
    const init = fetcher.mock.calls[n]?.[1] ?? {};
    return { url: fetcher.mock.calls[n]?.[0], init, headers: init.headers as Record<string, string> };
  };
  return { payments: new PaymentApi('ps_1', 'ct_1', fetcher), fetcher, request };
}

describe('PaymentApi.pay', () => {
  it('posts the CVN with the session, the client token and the idempotency key', async () => {
    const { payments, request } = api(() => json(ok));
    const reply = await payments.pay(new SecretCvn('123'), 'key-1');
    expect(reply).toEqual({
      ok: true,
      result: {
        payment_request_id: 'pr_1',
        action_url: 'https://acs.example/3ds',
        message: 'Authenticate',
        result_token: 'h.p.s',
      },
    });
    const { url, init, headers } = request(0);
    expect(url).toBe('/v1/payment_with_session');
    expect(init.method).toBe('POST');
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: 'Bearer ct_1',
      'Idempotency-Key': 'key-1',
    });
    expect(JSON.parse(init.body as string)).toEqual({ payment_session_id: 'ps_1', cvn: '123' });
    expect(init).toMatchObject({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  });

  it('hands the page no client token and no CVN', async () => {
    const { payments } = api(() => json(ok));
    const reply = await payments.pay(new SecretCvn('123'), 'key-1');
    expect(JSON.stringify(reply)).not.toContain('ct_2');
    expect(JSON.stringify(reply)).not.toContain('123');
  });

  it('spends each client token once: the next comes from a success or an error answer', async () => {
    const { payments, request } = api(
      () => json(ok),
      () => json({ error_code: 'INVALID_CVN', message: 'wrong', client_token: 'ct_3' }, 400),
      () => json({ error_code: 'INVALID_CVN', message: 'wrong' }, 400),
      () => json(ok),
    );
    for (const key of ['k1', 'k2', 'k3', 'k4']) await payments.pay(new SecretCvn('123'), key);
    expect([0, 1, 2, 3].map((n) => request(n).headers.Authorization)).toEqual([
      'Bearer ct_1',
      'Bearer ct_2',
      'Bearer ct_3',
      'Bearer ct_3',
    ]);
  });

  it("maps the gateway's error code and message", async () => {
    const { payments } = api(() => json({ error_code: 'TOO_MANY_ATTEMPTS', message: 'locked' }, 429));
    expect(await payments.pay(new SecretCvn('123'), 'k')).toEqual({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', message: 'locked' },
    });
  });

  it('answers GATEWAY_ERROR for an unknown error code, with a message of its own when there is none', async () => {
    const { payments } = api(() => json({ error_code: 'SOMETHING_NEW' }, 500));
    expect(await payments.pay(new SecretCvn('123'), 'k')).toEqual({
      ok: false,
      error: { code: 'GATEWAY_ERROR', message: 'The payment service answered 500' },
    });
  });

  it('answers NETWORK_ERROR when the request fails', async () => {
    const { payments } = api(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await payments.pay(new SecretCvn('123'), 'k')).toEqual({
      ok: false,
      error: { code: 'NETWORK_ERROR', message: 'The payment service could not be reached' },
    });
  });

  it('answers GATEWAY_ERROR for an answer that is not JSON', async () => {
    const { payments } = api(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await payments.pay(new SecretCvn('123'), 'k')).toEqual({
      ok: false,
      error: { code: 'GATEWAY_ERROR', message: 'The payment service answered 502 without JSON' },
    });
  });

  it.each([
    ['no payment_request_id', { ...ok, payment_request_id: undefined }],
    ['no action_url', { ...ok, action_url: undefined }],
    ['a numeric result_token', { ...ok, result_token: 1 }],
    ['null', null],
    ['an array', []],
    ['a string', 'ok'],
  ])('answers GATEWAY_ERROR for a success with %s', async (_, body) => {
    const { payments } = api(() => json(body));
    expect(await payments.pay(new SecretCvn('123'), 'k')).toEqual({
      ok: false,
      error: { code: 'GATEWAY_ERROR', message: 'The payment service answer is missing fields' },
    });
  });

  it('defaults a missing message to the empty string', async () => {
    const { payments } = api(() => json({ ...ok, message: undefined }));
    expect(await payments.pay(new SecretCvn('123'), 'k')).toMatchObject({ ok: true, result: { message: '' } });
  });
});

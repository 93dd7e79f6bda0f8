import { describe, expect, it, vi } from 'vitest';
import { MessageName, parseReply } from '@cards-session/protocol';
import { MAX_MESSAGE, PaymentApi } from './api';
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

type Answer = (init: RequestInit) => Response | Promise<Response>;

function api(...answers: Answer[]) {
  const fetcher = vi.fn<typeof fetch>(async (_url, init) => {
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next(init ?? {});
  });
  const waits: number[] = [];
  let keys = 0;
  const request = (n: number) => {
    const init = fetcher.mock.calls[n]?.[1] ?? {};
    return { url: fetcher.mock.calls[n]?.[0], init, headers: init.headers as Record<string, string> };
  };
  const policy = { timeoutMs: 50, backoffMs: [300, 1200] };
  const payments = new PaymentApi(
    'ps_1',
    'ct_1',
    fetcher,
    policy,
    async (ms) => void waits.push(ms),
    () => `key-${++keys}`,
  );
  const sent = (n: number) => {
    const { headers, init } = request(n);
    return { key: headers['Idempotency-Key'], token: headers.Authorization, body: JSON.parse(init.body as string) };
  };
  return { payments, fetcher, request, sent, waits };
}

const lostAnswer: Answer = () => Promise.reject(new TypeError('Failed to fetch'));
const cvn = (digits = '123') => new SecretCvn(digits);
const lost = {
  ok: false,
  error: { code: 'NETWORK_ERROR', message: 'The payment service did not answer: submit again to resume this payment' },
};

describe('PaymentApi.pay', () => {
  it('posts the CVN with the session, the client token and the idempotency key', async () => {
    const { payments, request } = api(() => json(ok));
    const reply = await payments.pay(cvn());
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
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(payments.unresolved).toBe(false);
  });

  it('hands the page no client token and no CVN', async () => {
    const { payments } = api(() => json(ok));
    const reply = await payments.pay(cvn());
    expect(JSON.stringify(reply)).not.toContain('ct_2');
    expect(JSON.stringify(reply)).not.toContain('123');
  });

  it('starts each answered attempt with a new key and the token the last answer gave', async () => {
    const { payments, sent } = api(
      () => json(ok),
      () => json({ error_code: 'INVALID_CVN', message: 'wrong', client_token: 'ct_3' }, 400),
      () => json({ error_code: 'INVALID_CVN', message: 'wrong' }, 400),
      () => json(ok),
    );
    for (let i = 0; i < 4; i++) await payments.pay(cvn());
    expect([0, 1, 2, 3].map((n) => [sent(n).key, sent(n).token])).toEqual([
      ['key-1', 'Bearer ct_1'],
      ['key-2', 'Bearer ct_2'],
      ['key-3', 'Bearer ct_3'],
      ['key-4', 'Bearer ct_3'],
    ]);
  });

  it("maps the gateway's error code and message", async () => {
    const { payments } = api(() => json({ error_code: 'TOO_MANY_ATTEMPTS', message: 'locked' }, 429));
    expect(await payments.pay(cvn())).toEqual({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', message: 'locked' } });
    expect(payments.unresolved).toBe(false);
  });

  it('gives an error answer without a message one of its own', async () => {
    const { payments } = api(() => json({ error_code: 'SESSION_EXPIRED' }, 410));
    expect(await payments.pay(cvn())).toEqual({
      ok: false,
      error: { code: 'SESSION_EXPIRED', message: 'The payment service answered 410' },
    });
  });

  it('retries a lost answer with the same key, token and body, after a backoff', async () => {
    const { payments, sent, waits } = api(lostAnswer, lostAnswer, () => json(ok));
    expect(await payments.pay(cvn())).toMatchObject({ ok: true, result: { payment_request_id: 'pr_1' } });
    expect([sent(0), sent(1), sent(2)]).toEqual(Array(3).fill(sent(0)));
    expect(sent(0)).toEqual({ key: 'key-1', token: 'Bearer ct_1', body: { payment_session_id: 'ps_1', cvn: '123' } });
    expect(waits).toEqual([300, 1200]);
    expect(payments.unresolved).toBe(false);
  });

  it.each([
    ['a 500 from the gateway', () => json({ error_code: 'INTERNAL_ERROR', message: 'boom' }, 500)],
    ['a 502 page from a proxy', () => new Response('<html>Bad gateway</html>', { status: 502 })],
    ['a 200 page that is not JSON', () => new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 })],
    ['a 403 without an error code', () => json({ blocked: true }, 403)],
    ['an unknown error code', () => json({ error_code: 'SOMETHING_NEW' }, 400)],
  ])('retries %s: nothing there says the gateway decided the attempt', async (_, answer: Answer) => {
    const { payments, sent } = api(answer, () => json(ok));
    expect(await payments.pay(cvn())).toMatchObject({ ok: true });
    expect(sent(1)).toEqual(sent(0));
  });

  it('counts a request that outlives the timeout as lost', async () => {
    const hang: Answer = (init) =>
      new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const { payments, sent } = api(hang, () => json(ok));
    expect(await payments.pay(cvn())).toMatchObject({ ok: true });
    expect(sent(1)).toEqual(sent(0));
  });

  it('keeps the attempt when every try is lost; the next pay resumes it as it was sent', async () => {
    const { payments, sent } = api(
      lostAnswer,
      lostAnswer,
      lostAnswer,
      () => json(ok),
      () => json(ok),
    );
    expect(await payments.pay(cvn('123'))).toEqual(lost);
    expect(payments.unresolved).toBe(true);
    // The shopper changed the code meanwhile: the attempt still carries the one it was sent with.
    expect(await payments.pay(cvn('999'))).toMatchObject({ ok: true });
    expect(sent(3)).toEqual(sent(0));
    expect(payments.unresolved).toBe(false);
    await payments.pay(cvn('999'));
    expect(sent(4)).toEqual({ key: 'key-2', token: 'Bearer ct_2', body: { payment_session_id: 'ps_1', cvn: '999' } });
  });

  it('starts a new attempt only after an answer: a wrong code, then the corrected one', async () => {
    const { payments, sent } = api(
      lostAnswer,
      () => json({ error_code: 'INVALID_CVN', message: 'wrong', client_token: 'ct_2' }, 400),
      () => json(ok),
    );
    expect(await payments.pay(cvn('111'))).toMatchObject({ ok: false, error: { code: 'INVALID_CVN' } });
    expect(await payments.pay(cvn('123'))).toMatchObject({ ok: true });
    expect([sent(0).key, sent(1).key, sent(2).key]).toEqual(['key-1', 'key-1', 'key-2']);
    expect(sent(2)).toMatchObject({ token: 'Bearer ct_2', body: { cvn: '123' } });
  });

  it.each([
    ['no payment_request_id', { ...ok, payment_request_id: undefined }],
    ['no action_url', { ...ok, action_url: undefined }],
    ['a numeric result_token', { ...ok, result_token: 1 }],
    ['null', null],
    ['an array', []],
    ['a string', 'ok'],
  ])('answers GATEWAY_ERROR for a success with %s, and settles the attempt', async (_, body) => {
    const { payments } = api(() => json(body));
    expect(await payments.pay(cvn())).toEqual({
      ok: false,
      error: { code: 'GATEWAY_ERROR', message: 'The payment service answer is missing fields' },
    });
    expect(payments.unresolved).toBe(false);
  });

  it("cuts a long gateway message, so the page's protocol check still takes the reply", async () => {
    const long = 'x'.repeat(5000);
    const { payments } = api(
      () => json({ error_code: 'INVALID_CVN', message: long }, 400),
      () => json({ ...ok, message: long }),
    );
    const refused = await payments.pay(cvn());
    const paid = await payments.pay(cvn());
    for (const reply of [refused, paid]) {
      // What the page does with every submit reply: without the cut, both would be refused.
      expect(parseReply(MessageName.Submit, reply)).toEqual(reply);
      const message = reply.ok ? reply.result.message : reply.error.message;
      expect(message).toHaveLength(MAX_MESSAGE);
      expect(message.endsWith('…')).toBe(true);
    }
    if (!paid.ok) throw new Error('expected a payment');
    expect(parseReply(MessageName.Submit, { ok: true, result: { ...paid.result, message: long } })).toBeNull();
  });

  it('defaults a missing message to the empty string', async () => {
    const { payments } = api(() => json({ ...ok, message: undefined }));
    expect(await payments.pay(cvn())).toMatchObject({ ok: true, result: { message: '' } });
  });
});

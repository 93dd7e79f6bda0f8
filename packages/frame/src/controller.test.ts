import { MessageName, type SubmitReply } from '@cards-session/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameConfig, HashOptions } from './config';
import { runField } from './controller';
import type { ParentLink } from './messaging';

// The frame's wiring: what the page's Submit does with the field and the one API call. The
// ordering rule: a paid code leaves the field before the page hears the reply, so no second
// submit can pay with it again.

type Config = Extract<FrameConfig, { ok: true }>;
const CONFIG: Config = {
  ok: true,
  origin: 'https://shop.example',
  session: 'ps-1',
  brand: 'visa',
  locale: 'en',
  clientToken: 'ct-1',
  fonts: [],
};
const HASH: HashOptions = { channel: 'c'.repeat(16), version: 1, help: false, options: {} };
const PAID = {
  payment_request_id: 'pr-1',
  action_url: 'https://gw.example/v1/3ds/pr-1',
  message: 'Authenticate',
  result_token: 'rt-1',
  client_token: 'ct-2',
};

/** A page that records what the frame said, in order, and can send it requests. */
function fakePage() {
  const said: string[] = [];
  const handlers = new Map<string, (payload: unknown) => unknown>();
  const link: ParentLink = {
    send: (name, payload) => void said.push(`${name} ${JSON.stringify(payload)}`),
    announce: (name) => void said.push(`announce ${name}`),
    on(name, handler, ..._noUnknownKeys) {
      handlers.set(name, handler as (payload: unknown) => unknown);
    },
  };
  const request = async (name: string, payload: unknown = {}) => {
    const reply = (await handlers.get(name)?.(payload)) as SubmitReply;
    said.push(`reply ${name}`);
    return reply;
  };
  return { link, said, request };
}

/** fetch answering each call with the next of `answers` (status, body), recording the bodies. */
function stubFetch(...answers: [number, object][]) {
  const bodies: Record<string, unknown>[] = [];
  const headers: Record<string, string>[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    headers.push(init.headers as Record<string, string>);
    const [status, body] = answers.shift() ?? [500, {}];
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, bodies, headers };
}

function start() {
  const page = fakePage();
  runField(document, CONFIG, HASH, page.link);
  const input = document.querySelector('input')!;
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  return { ...page, input, type };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe('the frame answering Submit', () => {
  it('announces ready once its handlers exist', () => {
    const { said } = start();
    expect(said).toEqual([`announce ${MessageName.Ready}`]);
  });

  it('pays once: the field is emptied (and the page told) before the reply; a second submit is INCOMPLETE_CVN', async () => {
    const { fetch, bodies } = stubFetch([200, PAID]);
    const { request, said, input, type } = start();
    type('123');
    const reply = await request(MessageName.Submit);
    expect(reply).toEqual({ ok: true, result: expect.objectContaining({ payment_request_id: 'pr-1' }) });
    expect(bodies).toEqual([{ payment_session_id: 'ps-1', cvn: '123' }]);
    expect(input.value).toBe('');
    const emptied = said.findIndex((s) => s.startsWith(`${MessageName.Change} `) && s.includes('"empty":true'));
    expect(emptied).toBeGreaterThan(-1);
    expect(emptied).toBeLessThan(said.indexOf(`reply ${MessageName.Submit}`));

    const again = await request(MessageName.Submit);
    expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'INCOMPLETE_CVN' }) });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('joins a Submit that arrives while one is running: one request, one answer for both', async () => {
    const { fetch } = stubFetch([200, PAID]);
    const { request, type } = start();
    type('123');
    const [a, b] = await Promise.all([request(MessageName.Submit), request(MessageName.Submit)]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
  });

  it('refuses an incomplete code without a request', async () => {
    const { fetch } = stubFetch();
    const { request, type, input } = start();
    type('12');
    const reply = await request(MessageName.Submit);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'INCOMPLETE_CVN' }) });
    expect(fetch).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows INVALID_CVN on the field and keeps the code for the shopper to correct', async () => {
    stubFetch([400, { error_code: 'INVALID_CVN', message: 'The security code is wrong' }]);
    const { request, type, input } = start();
    type('999');
    const reply = await request(MessageName.Submit);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_CVN' }) });
    expect(input.value).toBe('999');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('the next request after an answer carries the client token that answer gave', async () => {
    const { headers } = stubFetch(
      [400, { error_code: 'INVALID_CVN', message: 'wrong', client_token: 'ct-2' }],
      [200, { ...PAID, client_token: 'ct-3' }],
    );
    const { request, type } = start();
    type('999');
    await request(MessageName.Submit);
    type('123');
    await request(MessageName.Submit);
    expect(headers.map((h) => h.Authorization)).toEqual(['Bearer ct-1', 'Bearer ct-2']);
    expect(new Set(headers.map((h) => h['Idempotency-Key'])).size).toBe(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readConfig, readHash } from './config';

const good = {
  version: 1,
  origin: 'https://shop.example',
  session: 'ps_1',
  brand: 'amex',
  locale: 'id',
  client_token: 'ct_1',
};

function page(json: string | null): Document {
  const doc = document.implementation.createHTMLDocument('frame');
  if (json !== null) {
    const script = doc.createElement('script');
    script.id = 'cs-config';
    script.type = 'application/json';
    script.textContent = json;
    doc.head.append(script);
  }
  return doc;
}

afterEach(() => {
  document.head.replaceChildren();
});

describe('readConfig', () => {
  it('reads a good config', () => {
    expect(readConfig(page(JSON.stringify(good)))).toEqual({
      ok: true,
      origin: 'https://shop.example',
      session: 'ps_1',
      brand: 'amex',
      locale: 'id',
      clientToken: 'ct_1',
      fonts: [],
    });
  });

  it('keeps gateway-approved fonts and drops malformed ones', () => {
    const font = { family: 'Inter', src: 'https://fonts.example/inter.woff2' };
    const read = (fonts: unknown) => readConfig(page(JSON.stringify({ ...good, fonts })));
    expect(read([font])).toMatchObject({ ok: true, fonts: [font] });
    expect(read([{ ...font, src: 'http://fonts.example/inter.woff2' }])).toMatchObject({ ok: true, fonts: [] });
  });

  it('reads the config from the frame document itself', () => {
    document.head.innerHTML = `<script id="cs-config" type="application/json">${JSON.stringify(good)}</script>`;
    expect(readConfig(document)).toMatchObject({ ok: true, session: 'ps_1' });
  });

  it('falls back to en for an unknown locale', () => {
    expect(readConfig(page(JSON.stringify({ ...good, locale: 'fr' })))).toMatchObject({ ok: true, locale: 'en' });
  });

  it("reads the gateway's refusal, with the origin when it has one", () => {
    const refusal = {
      origin: 'https://shop.example',
      error: { code: 'SESSION_EXPIRED', message: 'The session expired' },
    };
    expect(readConfig(page(JSON.stringify(refusal)))).toEqual({
      ok: false,
      origin: 'https://shop.example',
      code: 'SESSION_EXPIRED',
      message: 'The session expired',
    });
    expect(readConfig(page(JSON.stringify({ error: { code: 'ORIGIN_NOT_ALLOWED', message: 'no' } })))).toEqual({
      ok: false,
      origin: null,
      code: 'ORIGIN_NOT_ALLOWED',
      message: 'no',
    });
  });

  it('turns an unknown error code into GATEWAY_ERROR', () => {
    expect(readConfig(page(JSON.stringify({ ...good, error: { code: 'NOPE' } })))).toEqual({
      ok: false,
      origin: 'https://shop.example',
      code: 'GATEWAY_ERROR',
      message: 'The gateway refused the frame',
    });
  });

  it.each([
    ['malformed JSON', '{"origin":'],
    ['JSON null', 'null'],
    ['a JSON string', '"https://shop.example"'],
    ['a JSON array', '[]'],
    ['no config at all', null],
  ])('answers GATEWAY_ERROR for %s', (_, json) => {
    expect(readConfig(page(json))).toEqual({
      ok: false,
      origin: null,
      code: 'GATEWAY_ERROR',
      message: 'The frame document is malformed',
    });
  });

  it.each([
    ['another protocol version', { version: 2 }],
    ['no version', { version: undefined }],
    ['no session', { session: undefined }],
    ['an unknown brand', { brand: 'diners' }],
    ['no client token', { client_token: 7 }],
  ])('answers GATEWAY_ERROR for a config with %s', (_, change) => {
    expect(readConfig(page(JSON.stringify({ ...good, ...change })))).toEqual({
      ok: false,
      origin: 'https://shop.example',
      code: 'GATEWAY_ERROR',
      message: 'The frame document is malformed',
    });
  });

  it.each(['null', '*', 'https://shop.example/', 'javascript:alert(1)'])('trusts no origin %j', (origin) => {
    expect(readConfig(page(JSON.stringify({ ...good, origin })))).toMatchObject({
      ok: false,
      origin: null,
      code: 'GATEWAY_ERROR',
    });
  });
});

describe('readHash', () => {
  const channel = '0123456789abcdef0123456789abcdef';
  const options = (value: unknown) => encodeURIComponent(JSON.stringify(value));

  it('reads channel, version, locale, help and the options', () => {
    const style = { base: { color: '#111', fontSize: '18px' }, invalid: { color: 'red' } };
    const opts = options({ placeholder: '123', ariaLabel: 'CVC code', style, disabled: true });
    expect(readHash(`#channel=${channel}&v=1&locale=id-ID&help=1&options=${opts}`)).toEqual({
      channel,
      version: 1,
      locale: 'id',
      help: true,
      options: { placeholder: '123', ariaLabel: 'CVC code', style, disabled: true },
    });
    expect(readHash(`channel=${channel}&v=2`)).toEqual({
      channel,
      version: 2,
      locale: undefined,
      help: false,
      options: {},
    });
  });

  it.each([
    ['no channel', '#v=1'],
    ['a short channel', '#channel=abc&v=1'],
    ['a channel with bad characters', `#channel=${channel}.x&v=1`],
    ['a channel over 64 characters', `#channel=${'a'.repeat(65)}&v=1`],
    ['a fractional version', `#channel=${channel}&v=1.5`],
    ['a version that is no number', `#channel=${channel}&v=one`],
    ['an empty hash', ''],
  ])('refuses %s', (_, hash) => {
    expect(readHash(hash)).toBeNull();
  });

  it.each([
    ['a text over 200 characters', { placeholder: 'x'.repeat(201) }],
    ['a style that loads a URL', { style: { base: { backgroundColor: 'url(https://evil.example/x)' } } }],
    ['a style property off the allow-list', { style: { base: { backgroundImage: 'none' } } }],
    ['a style value that ends its declaration', { style: { base: { color: 'red;position:fixed' } } }],
    ['an unknown option', { onload: 'x' }],
  ])('drops all options when one is unsafe: %s', (_, value) => {
    expect(readHash(`#channel=${channel}&v=1&options=${options(value)}`)?.options).toEqual({});
  });

  it('drops options that are not JSON', () => {
    expect(readHash(`#channel=${channel}&v=1&options=%7Bnope`)?.options).toEqual({});
  });
});

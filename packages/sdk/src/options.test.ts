import { describe, expect, it } from 'vitest';
import { CardsSessionError } from './errors';
import { resolveFieldOptions, resolveInit } from './options';

const GATEWAY = 'http://localhost:4400';

function thrown(run: () => unknown): CardsSessionError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CardsSessionError);
    return err as CardsSessionError;
  }
  throw new Error('expected a throw');
}

function expectInvalid(run: () => unknown, ...parts: string[]): void {
  const err = thrown(run);
  expect(err.code).toBe('INVALID_OPTIONS');
  expect(err.type).toBe('merchant');
  expect(err.message).toMatch(/expected .+, received .+/);
  for (const part of parts) expect(err.message).toContain(part);
}

describe('resolveInit', () => {
  it('applies defaults', () => {
    expect(resolveInit({ paymentSessionId: 'ps_123' }, GATEWAY)).toEqual({
      paymentSessionId: 'ps_123',
      locale: null,
      gatewayOrigin: GATEWAY,
      readyTimeout: 15000,
    });
  });

  it('takes every option', () => {
    const options = {
      paymentSessionId: 'ps-A_1',
      locale: 'id-ID',
      gatewayOrigin: 'https://gw.example',
      readyTimeout: 100,
    };
    expect(resolveInit(options, GATEWAY)).toEqual({
      paymentSessionId: 'ps-A_1',
      locale: 'id',
      gatewayOrigin: 'https://gw.example',
      readyTimeout: 100,
    });
    expect(resolveInit({ paymentSessionId: 'ps_1', locale: 'fr' }, GATEWAY).locale).toBe('en');
    expect(resolveInit({ paymentSessionId: 'ps_1', readyTimeout: 120000 }, GATEWAY).readyTimeout).toBe(120000);
  });

  it.each([
    ['undefined', undefined, 'received nothing'],
    ['null', null, 'received null'],
    ['a string', 'ps_123', 'received "ps_123"'],
    ['an array', [], 'received an array'],
  ])('refuses %s as options', (_, options, received) => {
    expectInvalid(() => resolveInit(options, GATEWAY), 'init(options): expected an object', received);
  });

  it.each([
    ['missing', undefined, 'received nothing'],
    ['empty', '', 'received ""'],
    ['a number', 123, 'received number 123'],
    ['with a slash', 'ps/1', 'received "ps/1"'],
    ['too long', 'p'.repeat(101), 'received a string of 101 characters'],
  ])('refuses a paymentSessionId that is %s', (_, paymentSessionId, received) => {
    expectInvalid(() => resolveInit({ paymentSessionId }, GATEWAY), 'paymentSessionId: expected', received);
  });

  it('refuses a locale that is not a string', () => {
    expectInvalid(
      () => resolveInit({ paymentSessionId: 'ps_1', locale: 1 }, GATEWAY),
      'locale: expected',
      'received number 1',
    );
  });

  it.each(['https://gw.example/', 'https://gw.example/v1', 'null', '*', 'gw.example', 'javascript:alert(1)', 42])(
    'refuses the gatewayOrigin %o',
    (gatewayOrigin) => {
      expectInvalid(
        () => resolveInit({ paymentSessionId: 'ps_1', gatewayOrigin }, GATEWAY),
        'gatewayOrigin: expected an origin',
      );
    },
  );

  it('refuses a bad default gateway too', () => {
    expectInvalid(
      () => resolveInit({ paymentSessionId: 'ps_1' }, 'null'),
      'gatewayOrigin: expected',
      'received "null"',
    );
  });

  it.each([99, 120001, Number.NaN, Number.POSITIVE_INFINITY, '1000', null])(
    'refuses the readyTimeout %o',
    (readyTimeout) => {
      expectInvalid(
        () => resolveInit({ paymentSessionId: 'ps_1', readyTimeout }, GATEWAY),
        'readyTimeout: expected milliseconds from 100 to 120000',
      );
    },
  );

  it('refuses unknown options, naming them and the known ones', () => {
    expectInvalid(
      () => resolveInit({ paymentSessionId: 'ps_1', paymentSessionID: 'ps_1' }, GATEWAY),
      'init(options).paymentSessionID',
      'paymentSessionId, locale, gatewayOrigin, readyTimeout',
    );
    expectInvalid(
      () => resolveInit({ paymentSessionId: 'ps_1', clientToken: 'x' }, GATEWAY),
      'init(options).clientToken',
    );
  });
});

describe('resolveFieldOptions', () => {
  it('defaults to no options', () => {
    expect(resolveFieldOptions(undefined)).toEqual({});
    expect(resolveFieldOptions({})).toEqual({});
  });

  it('takes placeholder and ariaLabel', () => {
    expect(resolveFieldOptions({ placeholder: '123', ariaLabel: 'CVC' })).toEqual({
      placeholder: '123',
      ariaLabel: 'CVC',
    });
    expect(resolveFieldOptions({ placeholder: 'x'.repeat(200) })).toEqual({ placeholder: 'x'.repeat(200) });
  });

  it.each([null, 'cvn', [], 1])('refuses %o as options', (options) => {
    expectInvalid(() => resolveFieldOptions(options), 'createField(type, options): expected an object');
  });

  it.each([
    ['placeholder', 1, 'received number 1'],
    ['placeholder', 'x'.repeat(201), 'received a string of 201 characters'],
    ['ariaLabel', null, 'received null'],
    ['ariaLabel', {}, 'received an object'],
  ])('refuses %s = %o', (key, value, received) => {
    expectInvalid(
      () => resolveFieldOptions({ [key]: value }),
      `${key}: expected a string of at most 200 characters`,
      received,
    );
  });

  it('refuses unknown options', () => {
    expectInvalid(
      () => resolveFieldOptions({ onInput: () => 1 }),
      'createField options.onInput',
      'placeholder, ariaLabel',
    );
  });

  it('takes styles from the allow-list and refuses anything that could load or leak', () => {
    const style = {
      base: { color: '#111', fontSize: '16px' },
      placeholder: { color: 'gray' },
      invalid: { color: 'red' },
    };
    expect(resolveFieldOptions({ style })).toEqual({ style });
    expectInvalid(() => resolveFieldOptions({ style: { hover: {} } }), 'style.hover', 'expected one of base, focus');
    expectInvalid(
      () => resolveFieldOptions({ style: { base: { backgroundImage: 'none' } } }),
      'style.base.backgroundImage',
      'expected one of the properties',
    );
    for (const value of [
      'url(https://x.example/a.png)',
      'expression(alert(1))',
      'red;position:fixed',
      '@import "x"',
      'r\\65 d',
      'red /* */',
    ]) {
      expectInvalid(
        () => resolveFieldOptions({ style: { base: { color: value } } }),
        'style.base.color',
        'without url()',
      );
    }
  });

  it('takes https woff fonts only, and not in update()', () => {
    const fonts = [{ family: 'Inter', src: 'https://fonts.example/inter.woff2', weight: '400' }];
    expect(resolveFieldOptions({ fonts })).toEqual({ fonts });
    expectInvalid(
      () => resolveFieldOptions({ fonts: [{ family: 'Inter', src: 'http://fonts.example/inter.woff2' }] }),
      'fonts[0].src',
      'https: URL',
    );
    expectInvalid(
      () => resolveFieldOptions({ fonts: [{ family: 'x', src: 'https://f.example/a.css' }] }),
      'fonts[0].src',
    );
    expectInvalid(() => resolveFieldOptions({ fonts }, 'update'), 'update options.fonts');
    // Set at creation only: refused rather than silently ignored by a live field.
    expectInvalid(() => resolveFieldOptions({ help: true }, 'update'), 'update options.help');
    expectInvalid(() => resolveFieldOptions({ errorTooltip: false }, 'update'), 'update options.errorTooltip');
    // `;` or `,` would end or split the frame's CSP font-src directive.
    for (const src of ['https://f.example/a.woff2;script-src *', 'https://f.example/a,b.woff2']) {
      expectInvalid(() => resolveFieldOptions({ fonts: [{ family: 'x', src }] }), 'fonts[0].src');
    }
  });

  it('refuses a style larger than the frame would accept', () => {
    const big = Object.fromEntries(
      ['base', 'focus', 'invalid', 'complete', 'empty', 'placeholder'].map((v) => [
        v,
        {
          fontFamily: 'x'.repeat(200),
          textShadow: 'y'.repeat(200),
          color: 'red'.padEnd(200, ' '),
          padding: '1px'.padEnd(200, ' '),
          letterSpacing: '1px'.padEnd(200, ' '),
          lineHeight: '1'.padEnd(200, ' '),
          caretColor: 'red'.padEnd(200, ' '),
        },
      ]),
    );
    expectInvalid(() => resolveFieldOptions({ style: big }), 'style: expected at most 8,000 characters');
  });

  it('takes booleans for help, errorTooltip and disabled', () => {
    expect(resolveFieldOptions({ help: true, errorTooltip: false, disabled: false })).toEqual({
      help: true,
      errorTooltip: false,
      disabled: false,
    });
    expectInvalid(() => resolveFieldOptions({ help: 'yes' }), 'help: expected true or false, received "yes"');
  });
});

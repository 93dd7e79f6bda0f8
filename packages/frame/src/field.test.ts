import type { CardBrand, FieldState, Locale } from '@cards-session/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CvnInput } from './field';
import { SecretCvn } from './secret';

function setup(
  brand: CardBrand = 'visa',
  locale: Locale = 'en',
  options: { placeholder?: string; ariaLabel?: string } = {},
) {
  const states: FieldState[] = [];
  const hooks = {
    onChange: vi.fn((s: FieldState) => states.push(s)),
    onFocus: vi.fn(),
    onBlur: vi.fn(),
    onEscape: vi.fn(),
  };
  const field = new CvnInput(document, brand, locale, options, hooks);
  const type = (value: string) => {
    field.input.value = value;
    field.input.dispatchEvent(new Event('input'));
  };
  return { field, hooks, states, type, input: field.input };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('CvnInput', () => {
  it('builds a labelled numeric input tied to its error text', () => {
    const { input } = setup();
    const label = document.querySelector('label');
    expect(label?.htmlFor).toBe('cvn');
    expect(label?.textContent).toBe('Card security code');
    expect(input.id).toBe('cvn');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('cc-csc');
    expect(input.getAttribute('maxlength')).toBe('3');
    expect(input.getAttribute('placeholder')).toBe('CVN');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toBe('cvn-error');
    const error = document.getElementById('cvn-error');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.getAttribute('aria-live')).toBe('assertive');
    expect(error?.textContent).toBe('');
  });

  it.each([
    ['amex', '4'],
    ['unknown', '4'],
    ['mastercard', '3'],
  ] as const)('sets maxlength for %s to %s', (brand, max) => {
    expect(setup(brand).input.getAttribute('maxlength')).toBe(max);
  });

  it('takes the merchant texts and the locale', () => {
    setup('visa', 'id');
    expect(document.querySelector('label')?.textContent).toBe('Kode keamanan kartu');
    document.body.replaceChildren();
    const { input } = setup('visa', 'en', { placeholder: '•••', ariaLabel: 'CVC' });
    expect(input.placeholder).toBe('•••');
    expect(document.querySelector('label')?.textContent).toBe('CVC');
  });

  it('keeps only digits, cut to the brand length', () => {
    const visa = setup();
    visa.type('a1b2-3 4');
    expect(visa.input.value).toBe('123');
    document.body.replaceChildren();
    const amex = setup('amex');
    amex.type('１２３４５');
    expect(amex.input.value).toBe('1234');
  });

  it('reports the coarse state only when it changes, never once per keystroke', () => {
    const { type, states, field } = setup();
    type('7');
    type('73');
    type('739');
    type('73');
    type('7');
    type('');
    type('');
    expect(states).toEqual([
      { empty: false, complete: false, valid: false, brand: 'visa' },
      { empty: false, complete: true, valid: true, brand: 'visa' },
      { empty: false, complete: false, valid: false, brand: 'visa' },
      { empty: true, complete: false, valid: false, brand: 'visa' },
    ]);
    expect(field.state()).toEqual(states.at(-1));
  });

  it('says nothing for edits that keep the state: a code typed and retyped in full', () => {
    const { type, states } = setup('unknown');
    for (const value of ['1', '12', '123']) type(value);
    const heard = states.length;
    for (const value of ['1234', '123', '124', '1245', '9999']) type(value);
    expect(states.slice(heard)).toEqual([]);
  });

  it('never puts what was typed into a state', () => {
    const { type, states, input } = setup('unknown');
    for (const value of ['9', '98', '987', '9876', 'x9876', '98']) type(value);
    input.dispatchEvent(new Event('blur'));
    expect(states.length).toBeGreaterThanOrEqual(4);
    for (const state of states) expect(JSON.stringify(state)).not.toMatch(/[0-9]/);
  });

  it('shows INCOMPLETE_CVN on blur with a short code, and clears it on typing', () => {
    const { type, states, input, hooks } = setup();
    input.dispatchEvent(new Event('blur'));
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(states).toEqual([]);
    type('12');
    input.dispatchEvent(new Event('blur'));
    expect(hooks.onBlur).toHaveBeenCalledTimes(2);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(states.at(-1)?.error).toEqual({
      code: 'INCOMPLETE_CVN',
      message: "Your card's security code is incomplete.",
    });
    expect(document.getElementById('cvn-error')?.textContent).toBe("Your card's security code is incomplete.");
    type('123');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(states.at(-1)).toEqual({ empty: false, complete: true, valid: true, brand: 'visa' });
    expect(document.getElementById('cvn-error')?.textContent).toBe('');
  });

  it('keeps TOO_MANY_ATTEMPTS through typing; clear() lifts errors and empties the field', () => {
    const { type, states, input, field } = setup();
    field.setError('TOO_MANY_ATTEMPTS');
    type('12');
    expect(states.at(-1)?.error?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    field.clear();
    expect(input.value).toBe('');
    expect(states.at(-1)).toEqual({ empty: true, complete: false, valid: false, brand: 'visa' });
  });

  it('reports focus and Escape', () => {
    const { input, hooks } = setup();
    input.dispatchEvent(new Event('focus'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(hooks.onEscape).not.toHaveBeenCalled();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(hooks.onFocus).toHaveBeenCalledOnce();
    expect(hooks.onEscape).toHaveBeenCalledOnce();
  });

  it('reads the value as a SecretCvn that redacts itself', () => {
    const { type, field } = setup('amex');
    type('4321');
    const secret = field.read();
    expect(secret).toBeInstanceOf(SecretCvn);
    expect(secret.reveal()).toBe('4321');
    expect(JSON.stringify(secret)).toBe('"[redacted]"');
    expect(JSON.stringify({ state: field.state(), cvn: secret })).not.toContain('4321');
    expect(String(secret)).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    expect(Object.keys(secret)).toEqual([]);
    expect(JSON.stringify(structuredClone(secret))).toBe('{}');
  });

  it('never reflects what is typed into an attribute, so no CSS attribute selector can match it', () => {
    const { type, input } = setup();
    type('739');
    expect(input.value).toBe('739');
    expect(input.getAttribute('value')).toBeNull();
    const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
    expect(attributes.join(' ')).not.toContain('739');
    expect(document.querySelector('input[value^="7"]')).toBeNull();
  });

  it('goes inside a custom form’s <cs-cvn>, labelled by the form’s own <label for="cvn">', () => {
    document.body.innerHTML = '<p>Pay</p><label for="cvn">Security code</label><div><cs-cvn></cs-cvn></div>';
    const { input } = setup();
    expect(input.closest('cs-cvn')).not.toBeNull();
    expect(document.querySelectorAll('label')).toHaveLength(1);
    expect(document.querySelector('label')?.textContent).toBe('Security code');
    expect(document.querySelector('cs-cvn #cvn-error')).not.toBeNull();
  });

  it('adds its own hidden label inside <cs-cvn> when the form has none', () => {
    document.body.innerHTML = '<p>Pay</p><cs-cvn></cs-cvn>';
    setup();
    const label = document.querySelector('cs-cvn label');
    expect([label?.className, label?.textContent]).toEqual(['sr-only', 'Card security code']);
  });
});

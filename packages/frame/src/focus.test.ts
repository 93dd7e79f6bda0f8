import { afterEach, describe, expect, it, vi } from 'vitest';
import { focusInput } from './focus';

function setup() {
  const input = document.createElement('input');
  const help = document.createElement('button');
  const row = document.createElement('div');
  row.append(input, help);
  document.body.append(row);
  return { input, help, row, request: focusInput(document, input) };
}

/** WebKit's refusal: focus() in an untouched cross-origin frame, without a gesture, does nothing. */
function refuseFocus(input: HTMLInputElement): () => void {
  const focus = vi.spyOn(input, 'focus').mockImplementation(() => undefined);
  return () => focus.mockRestore();
}

const key = (k: string) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('focusInput', () => {
  it('focuses the input and answers that it took', () => {
    const { input, request } = setup();
    expect(request()).toEqual({ focused: true });
    expect(document.activeElement).toBe(input);
  });

  it('answers false when the browser refuses, then hands focus to the input on the next key', () => {
    const { input, request } = setup();
    const allow = refuseFocus(input);
    expect(request()).toEqual({ focused: false });
    expect(document.activeElement).toBe(document.body);
    allow();
    key('4');
    expect(document.activeElement).toBe(input);
  });

  it('leaves Tab and Escape alone, and forgets the request once the frame loses focus', () => {
    const { input, request } = setup();
    const allow = refuseFocus(input);
    request();
    allow();
    const spy = vi.spyOn(input, 'focus');
    key('Tab');
    key('Escape');
    expect(spy).not.toHaveBeenCalled();
    window.dispatchEvent(new Event('blur'));
    key('4');
    expect(spy).not.toHaveBeenCalled();
  });

  it('does nothing on keys when no focus was asked for, or something else has focus', () => {
    const { input, help, request } = setup();
    const spy = vi.spyOn(input, 'focus');
    key('4');
    expect(spy).not.toHaveBeenCalled();
    const allow = refuseFocus(input);
    request();
    allow();
    help.focus();
    key('4');
    expect(document.activeElement).toBe(help);
  });

  it('focuses the input on a click in the frame outside any control, as a native input box', () => {
    const { input, help, row } = setup();
    help.click();
    expect(document.activeElement).not.toBe(input);
    row.click();
    expect(document.activeElement).toBe(input);
    input.disabled = true;
    help.focus();
    row.click();
    expect(document.activeElement).not.toBe(input);
  });
});

import {
  checkCvn,
  filterCvnInput,
  maxCvnLength,
  type CardBrand,
  type FieldErrorCode,
  type FieldState,
} from '@cards-session/protocol';
import { strings } from './i18n';
import { SecretCvn } from './secret';
import type { Locale } from '@cards-session/protocol';

/** Callbacks the field reports to; none of them receives the value. */
export interface FieldHooks {
  onChange(state: FieldState): void;
  onFocus(): void;
  onBlur(): void;
  onEscape(): void;
}

/** The CVN input inside the frame: label, filtering, validation state, error announcements. */
export class CvnInput {
  readonly input: HTMLInputElement;
  private readonly errorText: HTMLElement;
  private error: FieldState['error'];
  private readonly text;

  constructor(
    doc: Document,
    private readonly brand: CardBrand,
    locale: Locale,
    options: { placeholder?: string; ariaLabel?: string },
    private readonly hooks: FieldHooks,
  ) {
    this.text = strings(locale);
    const label = doc.createElement('label');
    label.htmlFor = 'cvn';
    label.className = 'sr-only';
    label.textContent = options.ariaLabel ?? this.text.label;

    const input = doc.createElement('input');
    input.id = 'cvn';
    input.name = 'cvn';
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'cc-csc';
    input.spellcheck = false;
    input.maxLength = maxCvnLength(brand);
    input.placeholder = options.placeholder ?? this.text.placeholder;
    input.setAttribute('aria-describedby', 'cvn-error');
    input.setAttribute('aria-invalid', 'false');
    input.setAttribute('pattern', '[0-9]*');
    this.input = input;

    // The live region announces errors; aria-describedby ties them to the input.
    const errorText = doc.createElement('div');
    errorText.id = 'cvn-error';
    errorText.className = 'sr-only';
    errorText.setAttribute('role', 'alert');
    errorText.setAttribute('aria-live', 'assertive');
    this.errorText = errorText;

    input.addEventListener('input', () => this.onInput());
    input.addEventListener('focus', () => hooks.onFocus());
    input.addEventListener('blur', () => {
      this.validateOnBlur();
      hooks.onBlur();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') hooks.onEscape();
    });
    doc.body.append(label, input, errorText);
  }

  /** The coarse state the merchant page may see. */
  state(): FieldState {
    return {
      ...checkCvn(this.input.value, this.brand),
      brand: this.brand,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** The value, wrapped so that it cannot travel anywhere but the API call. */
  read(): SecretCvn {
    return new SecretCvn(this.input.value);
  }

  /** Shows (or with `null` clears) an error to the shopper and reports the new state. */
  setError(code: FieldErrorCode | null): void {
    this.error = code ? { code, message: this.text.errors[code] } : undefined;
    this.input.setAttribute('aria-invalid', String(Boolean(code)));
    this.errorText.textContent = this.error?.message ?? '';
    this.hooks.onChange(this.state());
  }

  /** Empties the field. */
  clear(): void {
    this.input.value = '';
    this.setError(null);
  }

  private onInput(): void {
    // Typing, paste and autofill all end here: keep digits, cut to the brand's length.
    const filtered = filterCvnInput(this.input.value, this.brand);
    if (filtered !== this.input.value) this.input.value = filtered;
    // Editing clears a shown error, except the lock, which only a new session lifts.
    if (this.error?.code === 'TOO_MANY_ATTEMPTS') this.hooks.onChange(this.state());
    else this.setError(null);
  }

  private validateOnBlur(): void {
    const { empty, valid } = checkCvn(this.input.value, this.brand);
    if (!empty && !valid) this.setError('INCOMPLETE_CVN');
  }
}

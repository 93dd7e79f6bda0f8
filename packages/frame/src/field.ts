import {
  checkCvn,
  filterCvnInput,
  frameTexts,
  maxCvnLength,
  type CardBrand,
  type FieldErrorCode,
  type FieldState,
  type FrameOptions,
  type Locale,
} from '@cards-session/protocol';
import { SecretCvn } from './secret';

/** Callbacks the field reports to; none of them receives the value. */
export interface FieldHooks {
  onChange(state: FieldState): void;
  onFocus(): void;
  onBlur(): void;
  onEscape(): void;
  /** The help button was toggled; `text` is the localized explanation. */
  onHelp?(open: boolean, text: string): void;
}

/** The CVN input inside the frame: label, filtering, validation state, error announcements. */
export class CvnInput {
  readonly input: HTMLInputElement;
  private readonly label: HTMLLabelElement;
  private readonly errorText: HTMLElement;
  private readonly helpButton: HTMLButtonElement | null = null;
  private readonly helpRegion: HTMLElement;
  private error: FieldState['error'];
  /** What the page last heard, as a comparable key: the state at `ready` is empty. */
  private reported = stateKey({ empty: true, complete: false, valid: false });
  private readonly text;

  constructor(
    doc: Document,
    private readonly brand: CardBrand,
    locale: Locale,
    options: FrameOptions & { help?: boolean },
    private readonly hooks: FieldHooks,
  ) {
    this.text = frameTexts(locale);
    // A custom form may label the input itself (`<label for="cvn">`, the only `for` the gateway
    // lets through); otherwise the label is ours, visually hidden.
    const given = doc.querySelector<HTMLLabelElement>('label[for="cvn"]');
    const label = given ?? doc.createElement('label');
    if (!given) {
      label.htmlFor = 'cvn';
      label.className = 'sr-only';
    }
    this.label = label;

    const input = doc.createElement('input');
    input.id = 'cvn';
    input.name = 'cvn';
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'cc-csc';
    input.spellcheck = false;
    input.maxLength = maxCvnLength(brand);
    input.className = 'is-empty';
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
    const helpRegion = doc.createElement('div');
    helpRegion.className = 'sr-only';
    helpRegion.setAttribute('aria-live', 'polite');
    this.helpRegion = helpRegion;

    input.addEventListener('input', () => this.onInput());
    input.addEventListener('focus', () => hooks.onFocus());
    input.addEventListener('blur', () => {
      this.validateOnBlur();
      hooks.onBlur();
    });
    doc.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      this.toggleHelp(false);
      hooks.onEscape();
    });
    const row = doc.createElement('div');
    row.className = 'row';
    row.append(input);
    if (options.help) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'help';
      button.textContent = '?';
      button.setAttribute('aria-label', this.text.help);
      button.setAttribute('aria-expanded', 'false');
      button.addEventListener('click', () => this.toggleHelp(button.getAttribute('aria-expanded') !== 'true'));
      row.append(button);
      this.helpButton = button;
    }
    // A custom form marks where the input goes with <cs-cvn>; the default frame has only a body.
    const slot = doc.querySelector('cs-cvn') ?? doc.body;
    slot.append(...(given ? [] : [label]), row, errorText, helpRegion);
    this.update(options);
  }

  /** Applies placeholder, accessible name and disabled state. */
  update(options: FrameOptions): void {
    if (options.ariaLabel !== undefined || !this.label.textContent) {
      this.label.textContent = options.ariaLabel ?? this.text.label;
    }
    if (options.placeholder !== undefined || !this.input.placeholder) {
      this.input.placeholder = options.placeholder ?? this.text.placeholder;
    }
    if (options.disabled !== undefined) this.input.disabled = options.disabled;
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
    this.report();
  }

  /** Empties the field. */
  clear(): void {
    this.input.value = '';
    this.setError(null);
  }

  /** Shows or hides the help; the page draws the popover. */
  toggleHelp(open: boolean): void {
    if (!this.helpButton || (this.helpButton.getAttribute('aria-expanded') === 'true') === open) return;
    this.helpButton.setAttribute('aria-expanded', String(open));
    const text = this.text.helpText(this.brand);
    this.helpRegion.textContent = open ? text : '';
    this.hooks.onHelp?.(open, text);
  }

  // The page hears a state only when it changes, never once per keystroke: the timing of every
  // key would tell a script on the page how the shopper types.
  private report(): void {
    const state = this.state();
    this.input.classList.toggle('is-empty', state.empty);
    this.input.classList.toggle('is-complete', state.complete);
    const key = stateKey(state);
    if (key === this.reported) return;
    this.reported = key;
    this.hooks.onChange(state);
  }

  private onInput(): void {
    // Typing, paste and autofill all end here: keep digits, cut to the brand's length.
    const filtered = filterCvnInput(this.input.value, this.brand);
    if (filtered !== this.input.value) this.input.value = filtered;
    // Editing clears a shown error, except the lock, which only a new session lifts.
    if (this.error?.code === 'TOO_MANY_ATTEMPTS') this.report();
    else this.setError(null);
  }

  private validateOnBlur(): void {
    const { empty, valid } = checkCvn(this.input.value, this.brand);
    if (!empty && !valid) this.setError('INCOMPLETE_CVN');
  }
}

function stateKey({ empty, complete, valid, error }: Omit<FieldState, 'brand'>): string {
  return `${empty}${complete}${valid}${error?.code ?? ''}`;
}

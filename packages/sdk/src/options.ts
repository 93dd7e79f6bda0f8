import {
  ErrorCode,
  checkFonts,
  checkStyle,
  isOrigin,
  resolveLocale,
  type FieldStyle,
  type FontSource,
  type Locale,
} from '@cards-session/protocol';
import { CardsSessionError } from './errors';

/** Options of {@link init}. */
export interface InitOptions {
  /** The `payment_session_id` your server created. */
  paymentSessionId: string;
  /** Texts in the frame: `en` or `id`; others fall back to `en`. Default: the session's locale. */
  locale?: string;
  /**
   * Origin of the Cards Session gateway that serves the frame. The script tag defaults to the
   * origin it was loaded from; the npm build to the local sandbox, `http://localhost:4400`.
   */
  gatewayOrigin?: string;
  /** How long `mount()` waits for the frame, in milliseconds. Default 15000. */
  readyTimeout?: number;
}

/**
 * Options of {@link CardsSession.createField}. `placeholder`, `ariaLabel`, `style` and `disabled`
 * can change with `update()`; `fonts`, `help` and `errorTooltip` are set at creation only.
 */
export interface FieldOptions {
  /** Placeholder shown in the empty field. Default: "CVN". */
  placeholder?: string;
  /**
   * Accessible name of the input. Default: the text of your `<label for="…">` pointing at the
   * mount container, else "Card security code", localized.
   */
  ariaLabel?: string;
  /**
   * How the text looks, per state (`base`, `focus`, `invalid`, `complete`, `empty`,
   * `placeholder`), with camelCased CSS properties from an allow-list (colors, font, spacing,
   * alignment). Values that could load or leak anything are refused.
   */
  style?: FieldStyle;
  /** Web fonts for `style.*.fontFamily`: https `.woff2`/`.woff` files. Set at creation only. */
  fonts?: FontSource[];
  /** Show a "What is the security code?" button with an explanation. Default false. Set at creation only. */
  help?: boolean;
  /** Show the field's error in a tooltip under it. Default true. Set at creation only. */
  errorTooltip?: boolean;
  /** Disable the input. Default false. */
  disabled?: boolean;
}

/** {@link InitOptions} after validation, defaults applied. */
export interface ResolvedInit {
  paymentSessionId: string;
  locale: Locale | null;
  gatewayOrigin: string;
  readyTimeout: number;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Throws `INVALID_OPTIONS` with "expected X, received Y". */
export function invalid(path: string, expected: string, received: unknown): never {
  throw new CardsSessionError(
    ErrorCode.INVALID_OPTIONS,
    `${path}: expected ${expected}, received ${describe(received)}`,
  );
}

function checkKeys(path: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) invalid(`${path}.${key}`, `one of the options ${known.join(', ')}`, value[key]);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates {@link InitOptions} once, at the boundary. */
export function resolveInit(options: unknown, defaultGateway: string): ResolvedInit {
  if (!isRecord(options)) invalid('init(options)', 'an object', options);
  checkKeys('init(options)', options, ['paymentSessionId', 'locale', 'gatewayOrigin', 'readyTimeout']);
  const { paymentSessionId, locale, gatewayOrigin = defaultGateway, readyTimeout = 15000 } = options;
  if (typeof paymentSessionId !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(paymentSessionId)) {
    invalid('paymentSessionId', 'the payment_session_id your server created', paymentSessionId);
  }
  if (locale !== undefined && typeof locale !== 'string') invalid('locale', 'a string such as "en" or "id"', locale);
  if (!isOrigin(gatewayOrigin)) invalid('gatewayOrigin', 'an origin such as "https://gateway.example"', gatewayOrigin);
  if (typeof readyTimeout !== 'number' || !(readyTimeout >= 100 && readyTimeout <= 120000)) {
    invalid('readyTimeout', 'milliseconds from 100 to 120000', readyTimeout);
  }
  return {
    paymentSessionId,
    locale: locale === undefined ? null : resolveLocale(locale),
    gatewayOrigin,
    readyTimeout,
  };
}

const FIELD_KEYS = ['placeholder', 'ariaLabel', 'style', 'fonts', 'help', 'errorTooltip', 'disabled'] as const;
/** What a mounted field can change: the rest shapes the frame document and the page around it. */
const UPDATE_KEYS = ['placeholder', 'ariaLabel', 'style', 'disabled'] as const;

/** The options `update()` takes. */
export type FieldUpdate = Pick<FieldOptions, (typeof UPDATE_KEYS)[number]>;

/** Validates {@link FieldOptions}, for `createField` or (only {@link FieldUpdate}'s keys) for `update`. */
export function resolveFieldOptions(options: unknown, call: 'createField' | 'update' = 'createField'): FieldOptions {
  if (options === undefined && call === 'createField') return {};
  if (!isRecord(options))
    invalid(call === 'createField' ? 'createField(type, options)' : 'update(options)', 'an object', options);
  checkKeys(`${call} options`, options, call === 'update' ? UPDATE_KEYS : FIELD_KEYS);
  for (const key of ['placeholder', 'ariaLabel'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 200))
      invalid(key, 'a string of at most 200 characters', value);
  }
  for (const key of ['help', 'errorTooltip', 'disabled'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') invalid(key, 'true or false', options[key]);
  }
  const problem =
    (options.style !== undefined ? checkStyle(options.style) : null) ??
    (options.fonts !== undefined ? checkFonts(options.fonts) : null);
  if (problem) invalid(problem.path, problem.expected, problem.received);
  // The frame refuses messages over 16 KB: refuse here what it would drop there.
  const styleSize = options.style === undefined ? 0 : JSON.stringify(options.style).length;
  if (styleSize > 8000) invalid('style', 'at most 8,000 characters of declarations', `${styleSize} characters`);
  return options as FieldOptions;
}

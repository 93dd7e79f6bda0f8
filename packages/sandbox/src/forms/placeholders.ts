import { frameTexts, type CardBrand, type Locale } from '@cards-session/protocol';

// The placeholders a template may use, each filled by the gateway as text (never markup).

/** Every placeholder a form may use: the session's card and amount, and the frame's own texts. */
export const PLACEHOLDERS = ['brand', 'last4', 'amount', 'currency', 'label', 'help', 'help_text'] as const;
/** A placeholder of {@link PLACEHOLDERS}. */
type Placeholder = (typeof PLACEHOLDERS)[number];

/** `{{ name }}` anywhere in text or an attribute value. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** What a session shows in a form. */
export interface FormValues {
  brand: CardBrand;
  last4: string;
  amount: number;
  currency: string;
  locale: Locale;
}

/** The text of each placeholder for one session, localized. */
export function placeholderValues(values: FormValues): Record<Placeholder, string> {
  const texts = frameTexts(values.locale);
  let amount: string;
  try {
    amount = new Intl.NumberFormat(values.locale, { style: 'decimal', maximumFractionDigits: 2 }).format(values.amount);
  } catch {
    amount = String(values.amount);
  }
  return {
    brand: values.brand,
    last4: values.last4,
    amount,
    currency: values.currency,
    label: texts.label,
    help: texts.help,
    help_text: texts.helpText(values.brand),
  };
}

/** `text` with every known placeholder replaced by its value (the caller escapes on output). */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) =>
    Object.hasOwn(values, key) ? values[key as Placeholder] : whole,
  );
}

/** Card brands the gateway reports for a stored card. */
export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'jcb', 'discover', 'unionpay', 'unknown'] as const;

/** A brand from {@link CARD_BRANDS}. */
export type CardBrand = (typeof CARD_BRANDS)[number];

/** Whether `value` is a {@link CardBrand}. */
export function isCardBrand(value: unknown): value is CardBrand {
  return typeof value === 'string' && (CARD_BRANDS as readonly string[]).includes(value);
}

/** Allowed security-code lengths: Amex 4, most brands 3, unknown 3 or 4. */
export function cvnLengths(brand: CardBrand): readonly number[] {
  if (brand === 'amex') return [4];
  if (brand === 'unknown') return [3, 4];
  return [3];
}

/**
 * A regular expression, as source text, for a code of a length some brand accepts: `^[0-9]{3,4}$`.
 * What the gateway's OpenAPI document says of the `cvn` field; the brand's own rule is
 * {@link checkCvn}.
 */
export function cvnPattern(): string {
  const lengths = CARD_BRANDS.flatMap(cvnLengths);
  return `^[0-9]{${Math.min(...lengths)},${Math.max(...lengths)}}$`;
}

/** The longest code a brand accepts: the field's `maxlength`. */
export function maxCvnLength(brand: CardBrand): number {
  return Math.max(...cvnLengths(brand));
}

/** Coarse state of a security code: everything the merchant page may learn about it. */
export interface CvnState {
  empty: boolean;
  complete: boolean;
  valid: boolean;
}

/**
 * Checks a security code against the brand's rules. `complete` means the shopper typed the
 * shortest acceptable length; `valid` that the code may be sent.
 */
export function checkCvn(value: string, brand: CardBrand): CvnState {
  const lengths = cvnLengths(brand);
  const digitsOnly = /^[0-9]*$/.test(value);
  const valid = digitsOnly && lengths.includes(value.length);
  return {
    empty: value.length === 0,
    complete: digitsOnly && value.length >= Math.min(...lengths),
    valid,
  };
}

/** Keeps the digits of `input`, cut to the brand's longest code: how typing and paste are filtered. */
export function filterCvnInput(input: string, brand: CardBrand): string {
  return input
    .normalize('NFKC')
    .replace(/[^0-9]/g, '')
    .slice(0, maxCvnLength(brand));
}

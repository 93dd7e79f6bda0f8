import type { CardBrand } from './cvn';
import type { Locale } from './locales';
import type { FieldErrorCode } from './schema';

// The frame's texts in each locale: the frame shows them, and the gateway fills a custom form's
// text placeholders with the same words.

/** The texts of the CVN frame in one locale. */
export interface FrameTexts {
  label: string;
  placeholder: string;
  help: string;
  helpText: (brand: CardBrand) => string;
  errors: Record<FieldErrorCode, string>;
}

const STRINGS: Record<Locale, FrameTexts> = {
  en: {
    label: 'Card security code',
    placeholder: 'CVN',
    help: 'What is the security code?',
    helpText: (brand) =>
      brand === 'amex'
        ? 'The 4-digit code printed on the front of your card, above the card number.'
        : brand === 'unknown'
          ? 'The 3- or 4-digit code printed on your card.'
          : 'The 3-digit code printed on the back of your card, next to the signature strip.',
    errors: {
      INCOMPLETE_CVN: "Your card's security code is incomplete.",
      INVALID_CVN: "Your card's security code is not correct.",
      TOO_MANY_ATTEMPTS: 'Too many attempts. Please start the payment again.',
    },
  },
  id: {
    label: 'Kode keamanan kartu',
    placeholder: 'CVN',
    help: 'Apa itu kode keamanan?',
    helpText: (brand) =>
      brand === 'amex'
        ? 'Kode 4 digit yang tercetak di bagian depan kartu Anda, di atas nomor kartu.'
        : brand === 'unknown'
          ? 'Kode 3 atau 4 digit yang tercetak di kartu Anda.'
          : 'Kode 3 digit yang tercetak di bagian belakang kartu Anda, di samping kolom tanda tangan.',
    errors: {
      INCOMPLETE_CVN: 'Kode keamanan kartu Anda belum lengkap.',
      INVALID_CVN: 'Kode keamanan kartu Anda tidak benar.',
      TOO_MANY_ATTEMPTS: 'Terlalu banyak percobaan. Silakan mulai pembayaran lagi.',
    },
  },
};

/** The frame's texts in `locale`. */
export function frameTexts(locale: Locale): FrameTexts {
  return STRINGS[locale];
}

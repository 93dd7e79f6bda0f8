import type { FieldErrorCode, Locale } from '@cards-session/protocol';

interface Strings {
  label: string;
  placeholder: string;
  errors: Record<FieldErrorCode, string>;
}

const STRINGS: Record<Locale, Strings> = {
  en: {
    label: 'Card security code',
    placeholder: 'CVN',
    errors: {
      INCOMPLETE_CVN: "Your card's security code is incomplete.",
      INVALID_CVN: "Your card's security code is not correct.",
      TOO_MANY_ATTEMPTS: 'Too many attempts. Please start the payment again.',
    },
  },
  id: {
    label: 'Kode keamanan kartu',
    placeholder: 'CVN',
    errors: {
      INCOMPLETE_CVN: 'Kode keamanan kartu Anda belum lengkap.',
      INVALID_CVN: 'Kode keamanan kartu Anda tidak benar.',
      TOO_MANY_ATTEMPTS: 'Terlalu banyak percobaan. Silakan mulai pembayaran lagi.',
    },
  },
};

/** The frame's texts in `locale`. */
export function strings(locale: Locale): Strings {
  return STRINGS[locale];
}

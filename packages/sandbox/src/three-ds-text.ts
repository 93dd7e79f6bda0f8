import type { Locale } from '@cards-session/protocol';

/** Everything the 3-D Secure simulator says, in one locale. */
export interface ThreeDsText {
  /** `Intl` locale for the amount. */
  intl: string;
  title: string;
  heading: string;
  /** The payment being confirmed; `reference` arrives escaped, as HTML. */
  summary: (amount: string, referenceHtml: string, last4: string) => string;
  label: string;
  hint: (code: string, maxWrong: number) => string;
  confirm: string;
  cancel: string;
  /** After a wrong code that was not the last allowed one. */
  wrongCode: (triesLeft: number) => string;
  confirmed: string;
  notConfirmed: string;
  returnToShop: string;
}

const TEXT: Record<Locale, ThreeDsText> = {
  en: {
    intl: 'en',
    title: '3-D Secure — Sandbox bank',
    heading: 'Sandbox bank: confirm your payment',
    summary: (amount, reference, last4) =>
      `${amount} to merchant reference <strong>${reference}</strong>, card •••• ${last4}.`,
    label: 'One-time code',
    hint: (code, maxWrong) => `Sandbox: ${code} passes; ${maxWrong} wrong codes fail the payment.`,
    confirm: 'Confirm',
    cancel: 'Cancel',
    wrongCode: (left) => `That code is not correct. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
    confirmed: 'Payment confirmed',
    notConfirmed: 'Payment not confirmed',
    returnToShop: 'You can return to the shop.',
  },
  id: {
    intl: 'id-ID',
    title: '3-D Secure — Bank sandbox',
    heading: 'Bank sandbox: konfirmasi pembayaran Anda',
    summary: (amount, reference, last4) =>
      `${amount} ke referensi merchant <strong>${reference}</strong>, kartu •••• ${last4}.`,
    label: 'Kode sekali pakai',
    hint: (code, maxWrong) => `Sandbox: ${code} berhasil; ${maxWrong} kode salah menggagalkan pembayaran.`,
    confirm: 'Konfirmasi',
    cancel: 'Batal',
    wrongCode: (left) => `Kode itu salah. Sisa ${left} percobaan.`,
    confirmed: 'Pembayaran dikonfirmasi',
    notConfirmed: 'Pembayaran tidak dikonfirmasi',
    returnToShop: 'Anda dapat kembali ke toko.',
  },
};

/** The simulator's texts in the session's locale. */
export function threeDsText(locale: Locale): ThreeDsText {
  return TEXT[locale];
}

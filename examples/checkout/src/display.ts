import type { TestCard } from './gateway-client';
import type { OrderStatus } from './orders';

// How the shop words and formats things, for its server-rendered pages and its SPA alike: no
// Node APIs here, the SPA bundles this file.

/** An amount in the currency's main unit, as an Indonesian shopper reads it. */
export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('id-ID', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/** What the shopper reads for each order status. */
export const STATUS_TEXT: Record<OrderStatus, string> = {
  AWAITING_PAYMENT: 'Awaiting payment',
  AUTHENTICATING: 'Confirming with your bank',
  PAID: 'Paid',
  FAILED: 'Payment failed',
  EXPIRED: 'Expired',
};

/** The brand as printed on the card badge. */
export function brandLabel(brand: string): string {
  return brand === 'unknown' ? 'CARD' : brand.toUpperCase();
}

/** What each sandbox test card does, in a word. */
export const OUTCOME_TEXT: Record<TestCard['outcome'], string> = {
  challenge: 'Challenge',
  frictionless: 'Frictionless',
  decline: 'Declined',
  cvn_mismatch: 'CVN mismatch',
};

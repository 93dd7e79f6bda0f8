import type { OrderStatus } from './api';

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

/** The brand as printed on the badge. */
export function brandLabel(brand: string): string {
  return brand === 'unknown' ? 'CARD' : brand.toUpperCase();
}

import type { OrderItem } from './orders';

// What the demo shop sells: every order is this basket. No Node APIs here, the SPA's cart shows it too.

/** The shop's currency. */
export const CURRENCY = 'IDR';

/** The product in every visitor's basket, with what the cart page says about it. */
export const PRODUCT = {
  name: 'Gayo Arabica, 250 g',
  origin: 'Single origin, Gayo highlands, Aceh · washed process · medium roast',
  notes: 'Dark chocolate, brown sugar and a bright citrus finish.',
} as const;

/** The basket every order is created with. */
export const BASKET: readonly OrderItem[] = [{ name: PRODUCT.name, quantity: 2, amount: 150000 }];

/** The basket's total, in the currency's main unit. */
export const BASKET_TOTAL = BASKET.reduce((sum, item) => sum + item.amount, 0);

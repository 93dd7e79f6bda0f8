import type { CardBrand } from '@cards-session/protocol';

/** A stored-card token of the sandbox and what paying with it does. */
export interface TestCard {
  brand: CardBrand;
  last4: string;
  description: string;
}

/**
 * The sandbox's stored cards, selected by `cards_session_js.card_payment_token_id`. Documented in
 * the sandbox README's test-card table.
 */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  'cpt-visa-challenge': { brand: 'visa', last4: '1091', description: 'Visa, 3-D Secure challenge (code 1234 passes)' },
  'cpt-mastercard-challenge': { brand: 'mastercard', last4: '0008', description: 'Mastercard, 3-D Secure challenge' },
  'cpt-amex-challenge': { brand: 'amex', last4: '0005', description: 'Amex, 4-digit CVN, 3-D Secure challenge' },
  'cpt-unknown-challenge': { brand: 'unknown', last4: '0000', description: 'Unknown brand, 3 or 4 digits' },
};

/** The test card for a token id, if there is one. */
export function findTestCard(tokenId: string): TestCard | undefined {
  return Object.hasOwn(TEST_CARDS, tokenId) ? TEST_CARDS[tokenId] : undefined;
}

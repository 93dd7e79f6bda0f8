import type { CardBrand } from '@cards-session/protocol';

/** What paying with a test card does once its CVN is accepted. */
export type Outcome =
  /** 3-D Secure challenge page: code 1234 passes, anything else fails. */
  | 'challenge'
  /** No challenge: the payment succeeds at submit; `action_url` returns straight to success. */
  | 'frictionless'
  /** The issuer declines: `CARD_DECLINED`, a FAILED payment request. */
  | 'decline'
  /** The issuer says the CVN does not match: every CVN is refused with `INVALID_CVN`. */
  | 'cvn_mismatch';

/** A stored-card token of the sandbox and what paying with it does. */
export interface TestCard {
  brand: CardBrand;
  last4: string;
  outcome: Outcome;
  description: string;
}

/**
 * The sandbox's stored cards, selected by `cards_session_js.card_payment_token_id`. Documented in
 * the sandbox README's test-card table.
 */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  'cpt-visa-challenge': { brand: 'visa', last4: '1091', outcome: 'challenge', description: '3-D Secure challenge' },
  'cpt-visa-frictionless': {
    brand: 'visa',
    last4: '4242',
    outcome: 'frictionless',
    description: 'frictionless success, no challenge',
  },
  'cpt-visa-decline': {
    brand: 'visa',
    last4: '0002',
    outcome: 'decline',
    description: 'declined by the issuer (CARD_DECLINED)',
  },
  'cpt-visa-cvn-mismatch': {
    brand: 'visa',
    last4: '0127',
    outcome: 'cvn_mismatch',
    description: 'every CVN refused (INVALID_CVN), then the session locks',
  },
  'cpt-mastercard-challenge': {
    brand: 'mastercard',
    last4: '0008',
    outcome: 'challenge',
    description: '3-D Secure challenge',
  },
  'cpt-amex-challenge': {
    brand: 'amex',
    last4: '0005',
    outcome: 'challenge',
    description: '4-digit CVN, 3-D Secure challenge',
  },
  'cpt-unknown-challenge': {
    brand: 'unknown',
    last4: '0000',
    outcome: 'challenge',
    description: 'brand unknown: 3 or 4 digits, challenge',
  },
};

/** The test card for a token id, if there is one. */
export function findTestCard(tokenId: string): TestCard | undefined {
  return Object.hasOwn(TEST_CARDS, tokenId) ? TEST_CARDS[tokenId] : undefined;
}

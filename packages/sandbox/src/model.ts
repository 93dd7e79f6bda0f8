import type { CardBrand, Locale } from '@cards-session/protocol';

/** Session statuses, as in the HTTP contract. */
export type SessionStatus = 'ACTIVE' | 'COMPLETED' | 'EXPIRED' | 'CANCELED';
/** Payment request statuses, as in the HTTP contract. */
export type PaymentRequestStatus = 'REQUIRES_ACTION' | 'SUCCEEDED' | 'FAILED';

/** A payment session as the API answers it. */
export interface Session {
  payment_session_id: string;
  reference_id: string;
  session_type: 'PAY' | 'SAVE';
  status: SessionStatus;
  amount: number;
  currency: string;
  country: string;
  customer: Record<string, unknown> | null;
  cards_session_js: {
    card_payment_token_id: string;
    success_return_url: string;
    failure_return_url: string;
  };
  card: { brand: CardBrand; last4: string };
  allowed_origins: string[];
  locale: Locale;
  metadata: Record<string, unknown> | null;
  payment_request_id: string | null;
  expires_at: string;
  created: string;
  updated: string;
}

/** A payment request as the API answers it. */
export interface PaymentRequest {
  payment_request_id: string;
  payment_session_id: string;
  reference_id: string;
  status: PaymentRequestStatus;
  amount: number;
  currency: string;
  action_url: string;
  failure_code: string | null;
  created: string;
  updated: string;
}

import type { PaymentRequest, Session } from './contract/schemas';

// The resources of the HTTP contract, their types inferred from the contract's schemas.
export type { PaymentRequest, Session };

/** Session statuses, as in the HTTP contract. */
export type SessionStatus = Session['status'];
/** Payment request statuses, as in the HTTP contract. */
export type PaymentRequestStatus = PaymentRequest['status'];

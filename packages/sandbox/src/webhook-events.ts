import { createHash, randomUUID } from 'node:crypto';
import type { PaymentRequest, Session } from './model';
import {
  WEBHOOK_API_VERSION,
  type PaymentEventData,
  type SessionEventData,
  type WebhookType,
} from './contract/webhooks';
import { findTestCard } from './test-cards';

export type { WebhookType } from './contract/webhooks';

/** Who a session belongs to, as the seed names it in answers and webhooks. */
interface Parties {
  business_id: string;
  customer_id: string | null;
}

/**
 * The seed's parties for a session, as the session answers them: the business of the secret key
 * that created it, and its customer. Sessions stored before these fields existed have neither.
 */
function partiesOf(session: Partial<Parties>): Parties {
  return { business_id: session.business_id ?? 'sandbox', customer_id: session.customer_id ?? null };
}

/** An event as stored in the outbox: a stable id, its type, and the exact body to post. */
export interface OutboxEvent {
  id: string;
  type: WebhookType;
  body: string;
}

function envelope(
  type: WebhookType,
  parties: Parties,
  data: PaymentEventData | SessionEventData,
  now: number,
): OutboxEvent {
  const id = `evt-${randomUUID()}`;
  const body = JSON.stringify({
    id,
    event: type,
    api_version: WEBHOOK_API_VERSION,
    business_id: parties.business_id,
    created: new Date(now).toISOString(),
    data,
  });
  return { id, type, body };
}

/** The UUID of a `pr-<uuid>` id, so the seed's companion ids (`py-`, `cptr-`) are stable per request. */
function suffix(prId: string): string {
  return prId.replace(/^pr-/, '');
}

/** Digits derived from an id: simulated network references that stay the same on every replay. */
function digits(seed: string, length: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return BigInt(`0x${hex}`).toString().slice(0, length).padStart(length, '0');
}

/**
 * The seed's `payment_details` for a payment request, simulated from its test card: how 3-D Secure
 * went (`authentication_data`: `flow` and the simulated `a_res`) and what the issuer said
 * (`authorization_data`, `cvn_verification_result` `M` for a matched CVN). A request that never
 * reached the issuer (3-D Secure failed, canceled, or the session ended) has no authorization data.
 */
function paymentDetails(pr: PaymentRequest, session: Session): PaymentEventData['payment_details'] {
  const challenge =
    (findTestCard(session.cards_session_js.card_payment_token_id)?.outcome ?? 'challenge') === 'challenge';
  const id = suffix(pr.payment_request_id);
  const authorized = pr.status === 'SUCCEEDED' || pr.failure_code === 'CARD_DECLINED';
  return {
    authentication_data: {
      flow: challenge ? 'CHALLENGE' : 'FRICTIONLESS',
      a_res: {
        messageVersion: '2.2.0',
        // The ARes answers the authentication request: a challenge follows, or it passed outright.
        transStatus: challenge ? 'C' : 'Y',
        eci: challenge ? null : '05',
        threeDSServerTransID: id,
        dsTransID: `ds-${id}`,
        acsTransID: `acs-${id}`,
      },
    },
    authorization_data: authorized
      ? {
          authorization_code: pr.status === 'SUCCEEDED' ? digits(`auth:${id}`, 6) : null,
          network_response_code: pr.status === 'SUCCEEDED' ? '00' : '05',
          network_transaction_id: digits(`ntid:${id}`, 15),
          retrieval_reference_number: digits(`rrn:${id}`, 12),
          // The sandbox refuses a mismatched CVN before a payment request exists: every CVN that
          // reached the issuer matched.
          cvn_verification_result: 'M',
        }
      : null,
  };
}

type PaymentEventType = 'payment.capture' | 'payment.failure';
type SessionEventType = 'payment_session.completed' | 'payment_session.expired';

/** The status each event reports: an event for a record in another state is a bug, thrown. */
const STATUS_OF = {
  'payment.capture': 'SUCCEEDED',
  'payment.failure': 'FAILED',
  'payment_session.completed': 'COMPLETED',
  'payment_session.expired': 'EXPIRED',
} as const;

function statusFor<E extends WebhookType>(type: E, actual: string): (typeof STATUS_OF)[E] {
  if (actual !== STATUS_OF[type]) throw new Error(`${type} for a record in status ${actual}`);
  return STATUS_OF[type];
}

/** `payment.capture` / `payment.failure` data: the seed's payment object plus our ids. */
function paymentEventData(type: PaymentEventType, pr: PaymentRequest, session: Session): PaymentEventData {
  const parties = partiesOf(session);
  const id = suffix(pr.payment_request_id);
  return {
    type: 'PAY',
    status: statusFor(type, pr.status),
    payment_id: `py-${id}`,
    payment_request_id: pr.payment_request_id,
    payment_session_id: pr.payment_session_id,
    reference_id: pr.reference_id,
    business_id: parties.business_id,
    customer_id: parties.customer_id,
    channel_code: 'CARDS',
    capture_method: 'AUTOMATIC',
    country: session.country,
    currency: pr.currency,
    request_amount: pr.amount,
    captures:
      pr.status === 'SUCCEEDED'
        ? [{ capture_id: `cptr-${id}`, capture_amount: pr.amount, capture_timestamp: pr.updated }]
        : [],
    payment_details: paymentDetails(pr, session),
    card: session.card,
    failure_code: pr.failure_code,
    created: pr.created,
    updated: pr.updated,
  };
}

/** `payment_session.*` data: the session as `GET /v1/sessions/{id}` answers it, without its origins. */
function sessionEventData(type: SessionEventType, s: Session): SessionEventData {
  const parties = partiesOf(s);
  return {
    payment_session_id: s.payment_session_id,
    reference_id: s.reference_id,
    session_type: s.session_type,
    mode: 'CARDS_SESSION_JS',
    status: statusFor(type, s.status),
    business_id: parties.business_id,
    customer_id: parties.customer_id,
    amount: s.amount,
    currency: s.currency,
    country: s.country,
    customer: s.customer,
    metadata: s.metadata,
    payment_request_id: s.payment_request_id,
    payment_id: s.payment_request_id ? `py-${suffix(s.payment_request_id)}` : null,
    expires_at: s.expires_at,
    created: s.created,
    updated: s.updated,
  };
}

/** A payment event ready for the outbox. */
export function paymentEvent(type: PaymentEventType, pr: PaymentRequest, session: Session, now: number): OutboxEvent {
  return envelope(type, partiesOf(session), paymentEventData(type, pr, session), now);
}

/** A session event ready for the outbox. */
export function sessionEvent(type: SessionEventType, session: Session, now: number): OutboxEvent {
  return envelope(type, partiesOf(session), sessionEventData(type, session), now);
}

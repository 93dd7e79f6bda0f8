import { createHash, randomUUID } from 'node:crypto';
import type { PaymentRequest, Session } from './model';
import { findTestCard } from './test-cards';

/** The events the sandbox posts to the merchant's webhook URL. */
export type WebhookType =
  'payment.capture' | 'payment.failure' | 'payment_session.completed' | 'payment_session.expired';

/** Every {@link WebhookType}, in the order the OpenAPI document lists them. */
export const WEBHOOK_TYPES: readonly WebhookType[] = [
  'payment.capture',
  'payment.failure',
  'payment_session.completed',
  'payment_session.expired',
];

/** The payment API version the envelope speaks, as the seed's `api_version`. */
const WEBHOOK_API_VERSION = 'v3';

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

function envelope(type: WebhookType, parties: Parties, data: object, now: number): OutboxEvent {
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
function paymentDetails(pr: PaymentRequest, session: Session): object {
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

/** `payment.capture` / `payment.failure` data: the seed's payment object plus our ids. */
function paymentEventData(pr: PaymentRequest, session: Session): object {
  const parties = partiesOf(session);
  const id = suffix(pr.payment_request_id);
  return {
    type: 'PAY',
    status: pr.status,
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
function sessionEventData(s: Session): object {
  const parties = partiesOf(s);
  return {
    payment_session_id: s.payment_session_id,
    reference_id: s.reference_id,
    session_type: s.session_type,
    mode: 'CARDS_SESSION_JS',
    status: s.status,
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
export function paymentEvent(
  type: 'payment.capture' | 'payment.failure',
  pr: PaymentRequest,
  session: Session,
  now: number,
): OutboxEvent {
  return envelope(type, partiesOf(session), paymentEventData(pr, session), now);
}

/** A session event ready for the outbox. */
export function sessionEvent(
  type: 'payment_session.completed' | 'payment_session.expired',
  session: Session,
  now: number,
): OutboxEvent {
  return envelope(type, partiesOf(session), sessionEventData(session), now);
}

// The bodies above as JSON Schema (2020-12, as OpenAPI 3.1 takes it): the served document's
// `webhooks` section. The webhook tests validate every delivery against the served document, so
// a field added to one side only fails them.
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const closed = (properties: Record<string, object>, optional: readonly string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

const PAYMENT_DETAILS = closed({
  authentication_data: closed({
    flow: { enum: ['CHALLENGE', 'FRICTIONLESS'] },
    a_res: closed({
      messageVersion: str,
      transStatus: { enum: ['Y', 'C'] },
      eci: nullableStr,
      threeDSServerTransID: str,
      dsTransID: str,
      acsTransID: str,
    }),
  }),
  authorization_data: {
    oneOf: [
      { type: 'null' },
      closed({
        authorization_code: { ...nullableStr, pattern: '^\\d{6}$' },
        network_response_code: str,
        network_transaction_id: str,
        retrieval_reference_number: str,
        cvn_verification_result: { enum: ['M', 'N', 'P', 'U'] },
      }),
    ],
  },
});

const PAYMENT_DATA = closed({
  type: { const: 'PAY' },
  status: { enum: ['SUCCEEDED', 'FAILED'] },
  payment_id: str,
  payment_request_id: str,
  payment_session_id: str,
  reference_id: str,
  business_id: str,
  customer_id: nullableStr,
  channel_code: { const: 'CARDS' },
  capture_method: { const: 'AUTOMATIC' },
  country: str,
  currency: str,
  request_amount: { type: 'number' },
  captures: {
    type: 'array',
    items: closed({ capture_id: str, capture_amount: { type: 'number' }, capture_timestamp: dateTime }),
  },
  payment_details: PAYMENT_DETAILS,
  card: closed({ brand: str, last4: str }),
  failure_code: nullableStr,
  created: dateTime,
  updated: dateTime,
});

const SESSION_DATA = closed({
  payment_session_id: str,
  reference_id: str,
  session_type: { enum: ['PAY', 'SAVE'] },
  mode: { const: 'CARDS_SESSION_JS' },
  status: { enum: ['COMPLETED', 'EXPIRED'] },
  business_id: str,
  customer_id: nullableStr,
  amount: { type: 'number' },
  currency: str,
  country: str,
  customer: { type: ['object', 'null'] },
  metadata: { type: ['object', 'null'] },
  payment_request_id: nullableStr,
  payment_id: nullableStr,
  expires_at: dateTime,
  created: dateTime,
  updated: dateTime,
});

/** The JSON Schema of each webhook's body, envelope included. */
export const WEBHOOK_SCHEMAS: Readonly<Record<WebhookType, object>> = Object.fromEntries(
  WEBHOOK_TYPES.map((type) => [
    type,
    closed({
      id: { type: 'string', pattern: '^evt-' },
      event: { const: type },
      api_version: { const: WEBHOOK_API_VERSION },
      business_id: str,
      created: dateTime,
      data: type.startsWith('payment.') ? PAYMENT_DATA : SESSION_DATA,
    }),
  ]),
) as Record<WebhookType, object>;

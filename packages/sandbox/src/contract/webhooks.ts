import { CARD_BRANDS } from '@cards-session/protocol';
import { array, freeform, nullable, number, object, oneOf, string, type Infer, type Schema } from './schema';

// The webhook bodies, each written once: the sandbox's builders are typed by them, the served
// OpenAPI document's `webhooks` section is made of them, and @cards-session/node's types are
// inferred from them.

/** The events the gateway posts to the merchant's webhook URL, in the order the document lists them. */
export const WEBHOOK_TYPES = [
  'payment.capture',
  'payment.failure',
  'payment_session.completed',
  'payment_session.expired',
] as const;

/** One of {@link WEBHOOK_TYPES}. */
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** The payment API version the envelope speaks, as the seed's `api_version`. */
export const WEBHOOK_API_VERSION = 'v3';

const text = (expected: string) => string({ expected });
const TIME = string({ format: 'date-time', expected: 'an ISO 8601 time' });
const NULLABLE_TEXT = nullable(text('a string'));
const MONEY = number();

const PAYMENT_DETAILS = object({
  authentication_data: object({
    flow: oneOf(['CHALLENGE', 'FRICTIONLESS']),
    a_res: object({
      messageVersion: text('a 3-D Secure message version'),
      transStatus: oneOf(['Y', 'C']),
      eci: NULLABLE_TEXT,
      threeDSServerTransID: text('an id'),
      dsTransID: text('an id'),
      acsTransID: text('an id'),
    }),
  }),
  authorization_data: nullable(
    object({
      authorization_code: nullable(string({ pattern: /^\d{6}$/, expected: '6 digits' })),
      network_response_code: text('a network response code'),
      network_transaction_id: text('an id'),
      retrieval_reference_number: text('a reference number'),
      cvn_verification_result: oneOf(['M', 'N', 'P', 'U']),
    }),
  ),
});

/** The card a session pays with, as webhooks name it. */
const CARD = object({
  brand: oneOf(CARD_BRANDS),
  last4: string({ pattern: /^[0-9]{4}$/, expected: '4 digits' }),
});

/** `data` of `payment.capture` and `payment.failure`: the payment, with its proof in `payment_details`. */
export const PaymentEventData = object({
  type: oneOf(['PAY']),
  status: oneOf(['SUCCEEDED', 'FAILED']),
  payment_id: text('a payment id'),
  payment_request_id: text('a payment request id'),
  payment_session_id: text('a session id'),
  reference_id: text('a reference id'),
  business_id: text('a business id'),
  customer_id: NULLABLE_TEXT,
  channel_code: oneOf(['CARDS']),
  capture_method: oneOf(['AUTOMATIC']),
  country: text('a country'),
  currency: text('a currency'),
  request_amount: MONEY,
  captures: array(object({ capture_id: text('a capture id'), capture_amount: MONEY, capture_timestamp: TIME }), {
    expected: 'captures',
  }),
  payment_details: PAYMENT_DETAILS,
  card: CARD,
  failure_code: NULLABLE_TEXT,
  created: TIME,
  updated: TIME,
});
/** See {@link PaymentEventData}. */
export type PaymentEventData = Infer<typeof PaymentEventData>;

const ANY_OBJECT = nullable(freeform({ depth: 3, keys: 50, keyLength: 40, stringLength: 500 }));

/** `data` of `payment_session.completed` and `payment_session.expired`: the session, without its origins. */
export const SessionEventData = object({
  payment_session_id: text('a session id'),
  reference_id: text('a reference id'),
  session_type: oneOf(['PAY', 'SAVE']),
  mode: oneOf(['CARDS_SESSION_JS']),
  status: oneOf(['COMPLETED', 'EXPIRED']),
  business_id: text('a business id'),
  customer_id: NULLABLE_TEXT,
  amount: MONEY,
  currency: text('a currency'),
  country: text('a country'),
  customer: ANY_OBJECT,
  metadata: ANY_OBJECT,
  payment_request_id: NULLABLE_TEXT,
  payment_id: NULLABLE_TEXT,
  expires_at: TIME,
  created: TIME,
  updated: TIME,
});
/** See {@link SessionEventData}. */
export type SessionEventData = Infer<typeof SessionEventData>;

/** The envelope every webhook body shares; `id` is also the `webhook-id` header. */
export interface WebhookEnvelope<E extends WebhookType, D> {
  id: string;
  event: E;
  api_version: typeof WEBHOOK_API_VERSION;
  business_id: string;
  created: string;
  data: D;
}

/** The `data` each event carries. */
export interface WebhookData {
  'payment.capture': PaymentEventData;
  'payment.failure': PaymentEventData;
  'payment_session.completed': SessionEventData;
  'payment_session.expired': SessionEventData;
}

/** A webhook body: switch on `event` and `data` has that event's type. */
export type WebhookEvent = { [E in WebhookType]: WebhookEnvelope<E, WebhookData[E]> }[WebhookType];

/** The schema of one event's whole body, envelope included. */
function envelopeOf<E extends WebhookType>(type: E): Schema<WebhookEnvelope<E, WebhookData[E]>> {
  return object({
    id: string({ pattern: /^evt-/, expected: 'an event id "evt-…"' }),
    event: oneOf([type]),
    api_version: oneOf([WEBHOOK_API_VERSION]),
    business_id: text('a business id'),
    created: TIME,
    data: (type.startsWith('payment.') ? PaymentEventData : SessionEventData) as Schema<WebhookData[E]>,
  }) as Schema<WebhookEnvelope<E, WebhookData[E]>>;
}

/** Each webhook's body schema: its check, and its JSON Schema for the document's `webhooks`. */
export const WEBHOOK_BODIES: { readonly [E in WebhookType]: Schema<WebhookEnvelope<E, WebhookData[E]>> } = {
  'payment.capture': envelopeOf('payment.capture'),
  'payment.failure': envelopeOf('payment.failure'),
  'payment_session.completed': envelopeOf('payment_session.completed'),
  'payment_session.expired': envelopeOf('payment_session.expired'),
};

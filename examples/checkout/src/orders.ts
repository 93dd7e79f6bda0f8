import type { WebhookEvent } from '@cards-session/node';

/**
 * Where an order stands. `AUTHENTICATING` follows a verified result token; `PAID`, `FAILED` and
 * `EXPIRED` are set only by verified webhooks, never by what the shopper's browser says.
 */
export type OrderStatus = 'AWAITING_PAYMENT' | 'AUTHENTICATING' | 'PAID' | 'FAILED' | 'EXPIRED';

/** One line of an order's history, as the order page shows it. */
export interface OrderEvent {
  at: string;
  source: 'checkout' | 'webhook';
  type: string;
  detail: string;
}

/** A line of the basket. */
export interface OrderItem {
  name: string;
  quantity: number;
  /** Line total, in the currency's main unit. */
  amount: number;
}

/** An order of this shop, paid through one payment session. */
export interface Order {
  reference: string;
  payment_session_id: string;
  status: OrderStatus;
  amount: number;
  currency: string;
  card: { id: string; brand: string; last4: string };
  /** The custom form (`cards_session_js.form`) the field shows; `null`: the gateway's default. */
  design: string | null;
  items: OrderItem[];
  payment_request_id: string | null;
  failure_code: string | null;
  events: OrderEvent[];
}

/** The claims of a verified result token that the shop acts on. */
export interface ResultClaims {
  payment_request_id: string;
  payment_session_id: string;
  reference_id: string;
  status: string;
}

/** What happened to a webhook: applied to an order, seen before, or about no order of ours. */
export type WebhookOutcome = 'applied' | 'duplicate' | 'unknown-order';

/**
 * The shop's orders. In memory for the example; a real shop keeps orders and the ids of the
 * webhooks it has processed in its database, in the same transaction.
 */
export class Orders {
  private readonly byReference = new Map<string, Order>();
  private readonly bySession = new Map<string, string>();
  private readonly seen = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Records a new order for a session the gateway has just created. */
  add(order: Omit<Order, 'status' | 'payment_request_id' | 'failure_code' | 'events'>): Order {
    const full: Order = {
      ...order,
      status: 'AWAITING_PAYMENT',
      payment_request_id: null,
      failure_code: null,
      events: [],
    };
    this.byReference.set(order.reference, full);
    this.bySession.set(order.payment_session_id, order.reference);
    this.log(full, 'checkout', 'order.created', `Payment session ${order.payment_session_id} created`);
    return full;
  }

  /** The order with this reference, if there is one. */
  get(reference: string): Order | undefined {
    return this.byReference.get(reference);
  }

  /**
   * Applies a result token the checkout page reported, after its signature was verified and its
   * session matched to this order. It never marks an order paid: the webhook does that.
   */
  recordResult(order: Order, claims: ResultClaims): Order {
    // A token stays valid for an hour: replaying an old one must not reopen a settled attempt.
    const newAttempt = claims.payment_request_id !== order.payment_request_id;
    if (newAttempt && (order.status === 'AWAITING_PAYMENT' || order.status === 'FAILED')) {
      order.payment_request_id = claims.payment_request_id;
      if (claims.status === 'REQUIRES_ACTION') order.status = 'AUTHENTICATING';
    }
    const detail = `Result token verified: ${claims.payment_request_id} is ${claims.status}`;
    this.log(order, 'checkout', 'payment.submitted', detail);
    return order;
  }

  /**
   * Applies a verified webhook, once: a redelivered event id is acknowledged and ignored. Events
   * may arrive out of order (retries), so a paid order is never moved back; a capture of another
   * amount or currency than the order's is logged and held, not marked paid.
   */
  applyWebhook(event: WebhookEvent): WebhookOutcome {
    if (this.seen.has(event.id)) return 'duplicate';
    const reference = this.bySession.get(event.data.payment_session_id);
    const order = reference ? this.byReference.get(reference) : undefined;
    if (!order) return 'unknown-order';

    const prId = event.data.payment_request_id;
    const failure = 'failure_code' in event.data ? event.data.failure_code : null;
    const paid = order.status === 'PAID';
    const amount = 'request_amount' in event.data ? event.data.request_amount : event.data.amount;
    const matches = amount === order.amount && event.data.currency === order.currency;
    switch (event.event) {
      case 'payment.capture':
      case 'payment_session.completed':
        if (!matches) {
          // Paid, but not what this order asked for: a person looks before anything ships.
          this.log(order, 'webhook', event.event, `${amount} ${event.data.currency} received: held for review`);
          this.seen.add(event.id);
          return 'applied';
        }
        order.status = 'PAID';
        order.payment_request_id = prId ?? order.payment_request_id;
        order.failure_code = null;
        break;
      case 'payment.failure':
        if (!paid) {
          order.status = 'FAILED';
          order.payment_request_id = prId ?? order.payment_request_id;
          order.failure_code = failure;
        }
        break;
      case 'payment_session.expired':
        if (!paid) order.status = 'EXPIRED';
        break;
    }
    this.log(order, 'webhook', event.event, describe(event, failure));
    // Marked seen only once applied: with a database, both go in one transaction, so a failed
    // write leaves the event unseen and the gateway's retry applies it.
    this.seen.add(event.id);
    return 'applied';
  }

  private log(order: Order, source: OrderEvent['source'], type: string, detail: string): void {
    order.events.push({ at: this.now().toISOString(), source, type, detail });
  }
}

function describe(event: WebhookEvent, failure: string | null): string {
  switch (event.event) {
    case 'payment.capture':
      return 'The gateway captured the payment';
    case 'payment.failure':
      return `The payment failed${failure ? ` (${failure})` : ''}`;
    case 'payment_session.completed':
      return 'The payment session is complete';
    case 'payment_session.expired':
      return 'The payment session expired unpaid';
  }
}

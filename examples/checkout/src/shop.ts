import { randomUUID } from 'node:crypto';
import type { ShopConfig } from './config';
import { CardsSessionError, type CardsSession } from '@cards-session/node';
import type { GatewayClient } from './gateway-client';
import { BASKET, BASKET_TOTAL, CURRENCY } from './catalog';
import { Orders, type Order, type ResultClaims } from './orders';
import { Shoppers, type Surface } from './shoppers';

/** The `design` query value of the gateway's default form; any other names a custom form. */
export const STANDARD_DESIGN = 'standard';

/** The card a new checkout uses unless the visitor picks another. */
export const DEFAULT_CARD = 'cpt-visa-challenge';

/** A request the shop refuses, with a code the page can switch on. */
export class ShopError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a checkout visit gets: the shopper's open order, or the one already paid through it. */
export interface Checkout {
  order: Order;
  /** The order's session completed: show the order, never take a second payment for it. */
  settled: boolean;
}

/** The shop's business logic, between its pages and its gateway. */
export class Shop {
  readonly orders = new Orders();
  readonly shoppers = new Shoppers();

  constructor(
    readonly config: ShopConfig,
    private readonly gateway: GatewayClient,
    /** `verifyResultToken` of `@cards-session/node`: signature, claims, and this order's session. */
    private readonly verifyResult: (
      token: string,
      expected: Parameters<CardsSession['verifyResultToken']>[1],
    ) => Promise<ResultClaims>,
  ) {}

  /**
   * The shopper's checkout for `cardId`: their open order and its session, reused on every reload,
   * or a new one. An open order whose session completed is settled (a payment whose answer the
   * page lost): the shopper sees it, and no second session is created for that cart. Choosing
   * another card or design cancels the open session first, so it can never be paid later.
   * `design` names a custom form the gateway holds (`null`: its default form).
   */
  checkout(
    shopper: string,
    cardId: string,
    surface: Surface = 'page',
    design: string | null = null,
  ): Promise<Checkout> {
    return this.shoppers.serialize(shopper, async () => {
      if (design !== null) await this.checkDesign(design);
      const reference = this.shoppers.openOf(shopper);
      const open = reference ? this.orders.get(reference) : undefined;
      if (open) {
        const { status } = await this.gateway.getSession(open.payment_session_id);
        if (status === 'COMPLETED') return { order: open, settled: true };
        if (status === 'ACTIVE') {
          const same = open.card.id === cardId && open.design === design;
          if (same && this.shoppers.surfaceOf(open.reference) === surface) {
            return { order: open, settled: false };
          }
          if (!(await this.cancel(open))) return { order: open, settled: true };
        }
        this.shoppers.close(open.reference);
      }
      const order = await this.createOrder(cardId, surface, design);
      this.shoppers.own(order.reference, shopper, surface);
      return { order, settled: false };
    });
  }

  /** Cancels the order's session; false when it completed meanwhile (then it is paid). */
  private async cancel(order: Order): Promise<boolean> {
    try {
      await this.gateway.cancelSession(order.payment_session_id);
      return true;
    } catch (err) {
      if (!(err instanceof CardsSessionError) || err.code !== 'SESSION_NOT_ACTIVE') throw err;
      return (await this.gateway.getSession(order.payment_session_id)).status !== 'COMPLETED';
    }
  }

  /** Refuses a design the gateway holds no form for: `UNKNOWN_DESIGN`, naming the ones it has. */
  private async checkDesign(design: string): Promise<void> {
    const names = await this.gateway.formNames();
    if (!names.includes(design)) {
      const known = [STANDARD_DESIGN, ...names].join(', ');
      throw new ShopError(400, 'UNKNOWN_DESIGN', `expected design to be one of ${known}, received ${design}`);
    }
  }

  /** Creates an order and the payment session that pays it, with the chosen stored card and design. */
  private async createOrder(cardId: string, surface: Surface, design: string | null): Promise<Order> {
    const cards = await this.gateway.testCards();
    const card = cards.find((c) => c.card_payment_token_id === cardId);
    if (!card) {
      const known = cards.map((c) => c.card_payment_token_id).join(', ');
      throw new ShopError(400, 'UNKNOWN_CARD', `expected card to be one of ${known}, received ${cardId}`);
    }
    const reference = `order-${randomUUID().slice(0, 8)}`;
    const orderUrl = `${this.config.origin}${surface === 'app' ? '/app' : ''}/orders/${reference}`;
    const session = await this.gateway.createSession({
      reference_id: reference,
      session_type: 'PAY',
      amount: BASKET_TOTAL,
      currency: CURRENCY,
      country: 'ID',
      customer: { reference_id: 'customer-1', email: 'shopper@example.com' },
      cards_session_js: {
        card_payment_token_id: cardId,
        success_return_url: orderUrl,
        failure_return_url: `${orderUrl}?payment=failed`,
        ...(design !== null && { form: design }),
      },
      allowed_origins: [this.config.origin],
    });
    return this.orders.add({
      reference,
      payment_session_id: session.payment_session_id,
      amount: BASKET_TOTAL,
      currency: session.currency,
      card: { id: cardId, brand: session.card.brand, last4: session.card.last4 },
      design,
      items: [...BASKET],
    });
  }

  /**
   * The shopper's order, or a 404 `ORDER_NOT_FOUND` (also for another shopper's). Once its owner
   * has seen it paid, their next checkout is a new order.
   */
  order(reference: string, shopper: string): Order {
    const order = this.orders.get(reference);
    if (!order || !this.shoppers.owns(reference, shopper)) {
      throw new ShopError(404, 'ORDER_NOT_FOUND', `No order ${reference}`);
    }
    if (order.status === 'PAID') this.shoppers.close(reference);
    return order;
  }

  /**
   * What the checkout page reports after `submit()`: believed only once the token's signature
   * checks out and it is about this order's session.
   */
  async reportResult(reference: string, shopper: string, token: unknown): Promise<Order> {
    const order = this.order(reference, shopper);
    if (typeof token !== 'string') {
      throw new ShopError(
        400,
        'INVALID_RESULT_TOKEN',
        `expected result_token to be a string, received ${typeof token}`,
      );
    }
    let claims: ResultClaims;
    try {
      claims = await this.verifyResult(token, {
        paymentSessionId: order.payment_session_id,
        referenceId: order.reference,
      });
    } catch (err) {
      if (!(err instanceof CardsSessionError)) throw err;
      if (err.code === 'NETWORK_ERROR') throw new ShopError(502, 'GATEWAY_UNREACHABLE', err.message);
      if (err.code === 'RESULT_TOKEN_MISMATCH') throw new ShopError(422, 'RESULT_MISMATCH', err.message);
      if (err.code === 'INVALID_RESULT_TOKEN') throw new ShopError(422, err.code, err.message);
      throw err;
    }
    return this.orders.recordResult(order, claims);
  }

  /** The stored cards to offer, from the sandbox gateway. */
  testCards() {
    return this.gateway.testCards();
  }

  /** The designs a checkout can show: the default, then the custom forms the gateway holds. */
  async designs(): Promise<string[]> {
    return [STANDARD_DESIGN, ...(await this.gateway.formNames())];
  }

  /** The loader's URL and SRI hash: pinned in the config, or as the gateway publishes them. */
  loaderTag(): Promise<{ url: string; integrity: string }> {
    return this.config.loader ? Promise.resolve(this.config.loader) : this.gateway.loaderTag();
  }
}

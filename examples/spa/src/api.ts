import type { TestCard } from '../../checkout/src/gateway-client';
import type { Order } from '../../checkout/src/orders';
// The shop's own JSON API (examples/checkout), same origin. The gateway is never called from
// here: the hosted field does that from its own frame.

// The shop's API answers with the server's own types: one definition.
export type { TestCard } from '../../checkout/src/gateway-client';
export type { Order, OrderStatus } from '../../checkout/src/orders';

/** The shopper's checkout order, with where its payment session's gateway is. */
export interface NewOrder extends Order {
  gateway_origin: string;
  /** Its session already completed (a payment whose answer was lost): show the order instead. */
  settled: boolean;
}

/** An error answer of the shop's API, or no answer at all (`NETWORK_ERROR`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      cache: 'no-store',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The shop could not be reached. Check your connection and try again.');
  }
  const json = (await res.json().catch(() => null)) as (T & { error_code?: string; message?: string }) | null;
  if (!res.ok || json === null) {
    throw new ApiError(
      res.status,
      json?.error_code ?? 'SHOP_ERROR',
      json?.message ?? `The shop answered ${res.status}`,
    );
  }
  return json;
}

/** The sandbox's stored test cards. */
export function testCards(): Promise<TestCard[]> {
  return call('GET', '/api/test-cards');
}

/**
 * The shopper's checkout for the saved card `card`: the open order, reused across reloads, or a
 * new one with its own payment session.
 */
export function createOrder(card: string): Promise<NewOrder> {
  return call('POST', '/api/orders', { card });
}

/** Tells the shop what `submit()` answered; the shop believes it only once the token's signature checks out. */
export function reportResult(reference: string, resultToken: string): Promise<Order> {
  return call('POST', `/api/orders/${encodeURIComponent(reference)}/result`, { result_token: resultToken });
}

/** The order as the shop knows it now. */
export function getOrder(reference: string): Promise<Order> {
  return call('GET', `/api/orders/${encodeURIComponent(reference)}`);
}

import { describe, expect, it, vi } from 'vitest';
import type { ShopConfig } from './config';
import { CardsSessionError, type Session } from '@cards-session/node';
import type { GatewayClient, TestCard } from './gateway-client';
import { Shop } from './shop';
import { Shoppers } from './shoppers';

type Status = Session['status'];
const CARDS: TestCard[] = ['cpt-visa-challenge', 'cpt-visa-frictionless'].map((id) => ({
  card_payment_token_id: id,
  brand: 'visa',
  last4: '4242',
  outcome: 'challenge',
  description: '',
}));

/** A gateway in memory: sessions the shop created, their status as a test sets it. */
function setup() {
  const sessions = new Map<string, Status>();
  let n = 0;
  // Only the fields the shop reads.
  const session = (id: string) =>
    ({
      payment_session_id: id,
      status: sessions.get(id) ?? 'ACTIVE',
      currency: 'IDR',
      card: { brand: 'visa', last4: '4242' },
    }) as Session;
  const gateway = {
    createSession: vi.fn(async (_body: Parameters<GatewayClient['createSession']>[0]) => {
      const id = `ps-${++n}`;
      sessions.set(id, 'ACTIVE');
      return session(id);
    }),
    getSession: vi.fn(async (id: string) => session(id)),
    cancelSession: vi.fn(async (id: string) => {
      if (sessions.get(id) !== 'ACTIVE') throw new CardsSessionError('SESSION_NOT_ACTIVE', `${id} is not active`, 409);
      sessions.set(id, 'CANCELED');
      return session(id);
    }),
    testCards: async () => CARDS,
    loaderTag: async () => ({ url: '', integrity: '' }),
    formNames: vi.fn(async () => ['kopi']),
  } satisfies GatewayClient;
  const config = { origin: 'http://127.0.0.1:4300' } as ShopConfig;
  const verifyResult = vi.fn(async (_token: string, _expected: { paymentSessionId: string; referenceId?: string }) => ({
    payment_request_id: 'pr-1',
    payment_session_id: 'ps-1',
    reference_id: 'x',
    status: 'REQUIRES_ACTION',
  }));
  const shop = new Shop(config, gateway, verifyResult);
  return { shop, gateway, sessions, verifyResult, alice: Shoppers.newId(), bob: Shoppers.newId() };
}

describe('Shop.checkout: one session per order, whatever the shopper reloads', () => {
  it("reuses the shopper's open order and session on every reload", async () => {
    const { shop, gateway, alice } = setup();
    const first = await shop.checkout(alice, 'cpt-visa-challenge');
    const again = await shop.checkout(alice, 'cpt-visa-challenge');
    expect(again).toEqual({ order: first.order, settled: false });
    expect(gateway.createSession).toHaveBeenCalledOnce();
  });

  it('gives each shopper their own order', async () => {
    const { shop, alice, bob } = setup();
    const a = await shop.checkout(alice, 'cpt-visa-challenge');
    const b = await shop.checkout(bob, 'cpt-visa-challenge');
    expect(b.order.reference).not.toBe(a.order.reference);
    expect(b.order.payment_session_id).not.toBe(a.order.payment_session_id);
  });

  it('answers settled, and creates nothing, when the open session completed (the answer was lost)', async () => {
    const { shop, gateway, sessions, alice } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-frictionless');
    sessions.set(order.payment_session_id, 'COMPLETED');
    expect(await shop.checkout(alice, 'cpt-visa-frictionless')).toEqual({ order, settled: true });
    expect(await shop.checkout(alice, 'cpt-visa-challenge')).toEqual({ order, settled: true });
    expect(gateway.createSession).toHaveBeenCalledOnce();
    expect(gateway.cancelSession).not.toHaveBeenCalled();
  });

  it('cancels the open session before another card gets a new order', async () => {
    const { shop, sessions, alice } = setup();
    const visa = await shop.checkout(alice, 'cpt-visa-challenge');
    const other = await shop.checkout(alice, 'cpt-visa-frictionless');
    expect(other.order.reference).not.toBe(visa.order.reference);
    expect(sessions.get(visa.order.payment_session_id)).toBe('CANCELED');
  });

  it('passes the chosen design as cards_session_js.form; the default design names none', async () => {
    const { shop, gateway, alice, bob } = setup();
    const custom = await shop.checkout(alice, 'cpt-visa-challenge', 'page', 'kopi');
    expect(custom.order.design).toBe('kopi');
    expect(gateway.createSession.mock.calls[0]?.[0]).toMatchObject({ cards_session_js: { form: 'kopi' } });
    const standard = await shop.checkout(bob, 'cpt-visa-challenge');
    expect(standard.order.design).toBeNull();
    expect(gateway.createSession.mock.calls[1]?.[0]).not.toHaveProperty('cards_session_js.form');
    expect(await shop.designs()).toEqual(['standard', 'kopi']);
  });

  it('cancels the open session before another design gets a new order, and reuses it for the same', async () => {
    const { shop, gateway, sessions, alice } = setup();
    const standard = await shop.checkout(alice, 'cpt-visa-challenge');
    const custom = await shop.checkout(alice, 'cpt-visa-challenge', 'page', 'kopi');
    expect(custom.order.reference).not.toBe(standard.order.reference);
    expect(sessions.get(standard.order.payment_session_id)).toBe('CANCELED');
    expect(await shop.checkout(alice, 'cpt-visa-challenge', 'page', 'kopi')).toEqual(custom);
    expect(gateway.createSession).toHaveBeenCalledTimes(2);
  });

  it('refuses a design the gateway holds no form for: UNKNOWN_DESIGN, and keeps the open order', async () => {
    const { shop, gateway, sessions, alice } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
    await expect(shop.checkout(alice, 'cpt-visa-challenge', 'page', 'batik')).rejects.toMatchObject({
      status: 400,
      code: 'UNKNOWN_DESIGN',
      message: 'expected design to be one of standard, kopi, received batik',
    });
    expect(sessions.get(order.payment_session_id)).toBe('ACTIVE');
    expect(gateway.createSession).toHaveBeenCalledOnce();
  });

  it('takes the open order as settled when it completed while being canceled', async () => {
    const { shop, gateway, sessions, alice } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
    gateway.getSession.mockImplementationOnce(async (id) => {
      const read = { ...(await gateway.getSession(id)) };
      sessions.set(id, 'COMPLETED'); // paid right after the shop read it
      return read;
    });
    expect(await shop.checkout(alice, 'cpt-visa-frictionless')).toEqual({ order, settled: true });
    expect(gateway.cancelSession).toHaveBeenCalledOnce();
  });

  it('starts a new order when the open session expired or was canceled', async () => {
    const { shop, sessions, alice } = setup();
    for (const status of ['EXPIRED', 'CANCELED'] as const) {
      const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
      sessions.set(order.payment_session_id, status);
      const next = await shop.checkout(alice, 'cpt-visa-challenge');
      expect(next.settled).toBe(false);
      expect(next.order.reference).not.toBe(order.reference);
    }
  });

  it('opens one order for two checkouts at once (two tabs)', async () => {
    const { shop, gateway, alice } = setup();
    const [a, b] = await Promise.all([
      shop.checkout(alice, 'cpt-visa-challenge'),
      shop.checkout(alice, 'cpt-visa-challenge'),
    ]);
    expect(a.order).toBe(b.order);
    expect(gateway.createSession).toHaveBeenCalledOnce();
  });

  it('starts a new order once the shopper has seen the last one paid', async () => {
    const { shop, sessions, alice } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
    sessions.set(order.payment_session_id, 'COMPLETED');
    order.status = 'PAID';
    expect(shop.order(order.reference, alice)).toBe(order);
    const next = await shop.checkout(alice, 'cpt-visa-challenge');
    expect(next.settled).toBe(false);
    expect(next.order.reference).not.toBe(order.reference);
  });
});

describe("a shopper's orders", () => {
  it("are another shopper's 404, for reading and for reporting results", async () => {
    const { shop, alice, bob } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
    expect(() => shop.order(order.reference, bob)).toThrow(
      expect.objectContaining({ status: 404, code: 'ORDER_NOT_FOUND' }),
    );
    await expect(shop.reportResult(order.reference, bob, 'a.b.c')).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(shop.order(order.reference, alice)).toBe(order);
  });

  it('have ids nobody guesses: 128 random bits, anything else gets a new id', () => {
    expect(Shoppers.isId(Shoppers.newId())).toBe(true);
    expect(new Set(Array.from({ length: 100 }, Shoppers.newId)).size).toBe(100);
    for (const bad of ['', 'x', '0'.repeat(31), `${'a'.repeat(32)};`, 'A'.repeat(32), undefined]) {
      expect(Shoppers.isId(bad)).toBe(false);
    }
  });
});

describe('Shop.reportResult: the package verifies, the shop answers in its own codes', () => {
  it("asks for the order's own session and reference", async () => {
    const { shop, verifyResult, alice } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
    await shop.reportResult(order.reference, alice, 'a.b.c');
    expect(verifyResult).toHaveBeenCalledWith('a.b.c', {
      paymentSessionId: order.payment_session_id,
      referenceId: order.reference,
    });
  });

  it.each([
    ['RESULT_TOKEN_MISMATCH', 422, 'RESULT_MISMATCH'],
    ['INVALID_RESULT_TOKEN', 422, 'INVALID_RESULT_TOKEN'],
    ['NETWORK_ERROR', 502, 'GATEWAY_UNREACHABLE'],
  ] as const)('answers %s as %i %s', async (code, status, shopCode) => {
    const { shop, verifyResult, alice } = setup();
    const { order } = await shop.checkout(alice, 'cpt-visa-challenge');
    verifyResult.mockRejectedValueOnce(new CardsSessionError(code, 'refused'));
    await expect(shop.reportResult(order.reference, alice, 'a.b.c')).rejects.toMatchObject({ status, code: shopCode });
    expect(order.status).toBe('AWAITING_PAYMENT');
  });
});

import { describe, expect, it } from 'vitest';
import { Orders } from './orders';
import type { WebhookEvent } from '@cards-session/node';

function setup() {
  const orders = new Orders(() => new Date('2026-11-22T10:00:00Z'));
  const order = orders.add({
    reference: 'order-1',
    payment_session_id: 'ps-1',
    amount: 150000,
    currency: 'IDR',
    card: { id: 'cpt-visa-challenge', brand: 'visa', last4: '1091' },
    design: null,
    items: [],
  });
  let n = 0;
  // Only the fields the shop reads: the package's verifyWebhook is tested on whole bodies.
  const event = (type: string, data: Record<string, unknown> = {}) =>
    ({
      id: `evt-${++n}`,
      event: type,
      created: '',
      data: {
        payment_session_id: 'ps-1',
        payment_request_id: 'pr-1',
        request_amount: 150000,
        currency: 'IDR',
        ...data,
      },
    }) as unknown as WebhookEvent;
  return { orders, order, event };
}

describe('Orders', () => {
  it('starts AWAITING_PAYMENT; a verified REQUIRES_ACTION result moves it to AUTHENTICATING, never to PAID', () => {
    const { orders, order } = setup();
    expect(order.status).toBe('AWAITING_PAYMENT');
    const claims = { payment_request_id: 'pr-1', payment_session_id: 'ps-1', reference_id: 'order-1' };
    orders.recordResult(order, { ...claims, status: 'REQUIRES_ACTION' });
    expect(order).toMatchObject({ status: 'AUTHENTICATING', payment_request_id: 'pr-1' });
    orders.recordResult(order, { ...claims, status: 'SUCCEEDED' });
    expect(order.status).toBe('AUTHENTICATING');
  });

  it('does not let a replayed result token reopen an attempt that failed', () => {
    const { orders, order, event } = setup();
    const claims = { payment_request_id: 'pr-1', payment_session_id: 'ps-1', reference_id: 'order-1' };
    orders.recordResult(order, { ...claims, status: 'REQUIRES_ACTION' });
    orders.applyWebhook(event('payment.failure', { failure_code: 'AUTHENTICATION_FAILED' }));
    orders.recordResult(order, { ...claims, status: 'REQUIRES_ACTION' });
    expect(order.status).toBe('FAILED');
    orders.recordResult(order, { ...claims, payment_request_id: 'pr-2', status: 'REQUIRES_ACTION' });
    expect(order).toMatchObject({ status: 'AUTHENTICATING', payment_request_id: 'pr-2' });
  });

  it('holds a capture of another amount or currency instead of marking the order paid', () => {
    const { orders, order, event } = setup();
    expect(orders.applyWebhook(event('payment.capture', { request_amount: 1 }))).toBe('applied');
    expect(orders.applyWebhook(event('payment.capture', { currency: 'USD' }))).toBe('applied');
    expect(order.status).toBe('AWAITING_PAYMENT');
    expect(order.events.at(-1)?.detail).toBe('150000 USD received: held for review');
  });

  it('is PAID by payment.capture and FAILED, with the code, by payment.failure', () => {
    const paid = setup();
    expect(paid.orders.applyWebhook(paid.event('payment.capture'))).toBe('applied');
    expect(paid.order.status).toBe('PAID');
    const failed = setup();
    failed.orders.applyWebhook(failed.event('payment.failure', { failure_code: 'CARD_DECLINED' }));
    expect(failed.order).toMatchObject({ status: 'FAILED', failure_code: 'CARD_DECLINED' });
    expect(failed.order.events.at(-1)).toMatchObject({
      source: 'webhook',
      detail: 'The payment failed (CARD_DECLINED)',
    });
  });

  it('applies a redelivered event once', () => {
    const { orders, order, event } = setup();
    const failure = event('payment.failure');
    expect(orders.applyWebhook(failure)).toBe('applied');
    orders.applyWebhook(event('payment.capture'));
    expect(orders.applyWebhook(failure)).toBe('duplicate');
    expect(order.status).toBe('PAID');
    expect(order.events.filter((e) => e.type === 'payment.failure')).toHaveLength(1);
  });

  it('never moves a paid order back, whatever arrives late', () => {
    const { orders, order, event } = setup();
    orders.applyWebhook(event('payment.capture'));
    orders.applyWebhook(event('payment.failure'));
    orders.applyWebhook(event('payment_session.expired'));
    expect(order.status).toBe('PAID');
  });

  it('lets a failed order be paid by a later attempt, and expires an unpaid one', () => {
    const retry = setup();
    retry.orders.applyWebhook(retry.event('payment.failure'));
    retry.orders.applyWebhook(retry.event('payment.capture', { payment_request_id: 'pr-2' }));
    expect(retry.order).toMatchObject({ status: 'PAID', payment_request_id: 'pr-2', failure_code: null });
    const idle = setup();
    idle.orders.applyWebhook(idle.event('payment_session.expired'));
    expect(idle.order.status).toBe('EXPIRED');
  });

  it('acknowledges, without recording, an event about another session', () => {
    const { orders, order, event } = setup();
    const foreign = event('payment.capture', { payment_session_id: 'ps-other' });
    expect(orders.applyWebhook(foreign)).toBe('unknown-order');
    expect(order.status).toBe('AWAITING_PAYMENT');
  });
});

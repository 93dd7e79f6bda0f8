import type { Gateway } from './context';
import type { PaymentRequest, Session } from './model';
import { paymentEvent, sessionEvent, type OutboxEvent } from './webhook-events';

// Every status change that a merchant hears about happens here: the new state and its webhook
// events are written in one transaction, so neither exists without the other.

function enqueue(gw: Gateway, event: OutboxEvent): void {
  gw.store.enqueueWebhook(event, gw.now());
}

function sessionOf(gw: Gateway, id: string): Session {
  const session = gw.store.getSession(id);
  if (!session) throw new Error(`no session ${id}`);
  return session;
}

/** Payment captured: the request SUCCEEDED, its session COMPLETED. */
export function completePayment(gw: Gateway, prId: string): PaymentRequest {
  const pr = gw.store.transaction(() => {
    const done = gw.store.updatePaymentRequest(prId, 'SUCCEEDED');
    gw.store.updateSession(done.payment_session_id, { status: 'COMPLETED', payment_request_id: prId });
    const session = sessionOf(gw, done.payment_session_id);
    enqueue(gw, paymentEvent('payment.capture', done, session, gw.now()));
    enqueue(gw, sessionEvent('payment_session.completed', session, gw.now()));
    return done;
  });
  gw.onWebhook();
  return pr;
}

/** Payment failed (declined, or 3-D Secure failed); the session stays ACTIVE for another try. */
export function failPayment(gw: Gateway, prId: string, failureCode: string): PaymentRequest {
  const pr = gw.store.transaction(() => {
    const failed = gw.store.updatePaymentRequest(prId, 'FAILED', { failure_code: failureCode });
    enqueue(gw, paymentEvent('payment.failure', failed, sessionOf(gw, failed.payment_session_id), gw.now()));
    return failed;
  });
  gw.onWebhook();
  return pr;
}

/** Expires the session if it is ACTIVE and past `expires_at`; the webhook goes out once. */
export function expireIfDue(gw: Gateway, sessionId: string): boolean {
  const expired = gw.store.transaction(() => {
    if (!gw.store.expireIfDue(sessionId, gw.now())) return false;
    enqueue(gw, sessionEvent('payment_session.expired', sessionOf(gw, sessionId), gw.now()));
    return true;
  });
  if (expired) gw.onWebhook();
  return expired;
}

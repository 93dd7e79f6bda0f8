import type { Gateway } from './gateway';
import type { PaymentRequest, Session } from './model';
import { webhookEvent, type WebhookType } from './webhooks';

// Every status change that a merchant hears about happens here: the new state and its webhook
// events are written in one transaction, so neither exists without the other.

function paymentData(pr: PaymentRequest, session: Session): Record<string, unknown> {
  return {
    payment_request_id: pr.payment_request_id,
    payment_session_id: pr.payment_session_id,
    reference_id: pr.reference_id,
    status: pr.status,
    request_amount: pr.amount,
    currency: pr.currency,
    country: session.country,
    channel_code: 'CARDS',
    card: session.card,
    failure_code: pr.failure_code,
    created: pr.created,
    updated: pr.updated,
  };
}

function sessionData(s: Session): Record<string, unknown> {
  return {
    payment_session_id: s.payment_session_id,
    reference_id: s.reference_id,
    session_type: s.session_type,
    status: s.status,
    amount: s.amount,
    currency: s.currency,
    country: s.country,
    customer: s.customer,
    metadata: s.metadata,
    payment_request_id: s.payment_request_id,
    expires_at: s.expires_at,
    created: s.created,
    updated: s.updated,
  };
}

function enqueue(gw: Gateway, type: WebhookType, data: Record<string, unknown>): void {
  gw.store.enqueueWebhook(webhookEvent(type, data, gw.now()), gw.now());
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
    enqueue(gw, 'payment.capture', paymentData(done, session));
    enqueue(gw, 'payment_session.completed', sessionData(session));
    return done;
  });
  gw.onWebhook();
  return pr;
}

/** Payment failed (declined, or 3-D Secure failed); the session stays ACTIVE for another try. */
export function failPayment(gw: Gateway, prId: string, failureCode: string): PaymentRequest {
  const pr = gw.store.transaction(() => {
    const failed = gw.store.updatePaymentRequest(prId, 'FAILED', { failure_code: failureCode });
    enqueue(gw, 'payment.failure', paymentData(failed, sessionOf(gw, failed.payment_session_id)));
    return failed;
  });
  gw.onWebhook();
  return pr;
}

/** Expires the session if it is ACTIVE and past `expires_at`; the webhook goes out once. */
export function expireIfDue(gw: Gateway, sessionId: string): boolean {
  const expired = gw.store.transaction(() => {
    if (!gw.store.expireIfDue(sessionId, gw.now())) return false;
    enqueue(gw, 'payment_session.expired', sessionData(sessionOf(gw, sessionId)));
    return true;
  });
  if (expired) gw.onWebhook();
  return expired;
}

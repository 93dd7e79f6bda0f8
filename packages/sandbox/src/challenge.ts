import type { Gateway } from './context';
import type { PaymentRequest, Session } from './model';
import { THREE_DS_CODE } from './three-ds-pages';
import { completePayment, failPayment } from './transitions';

/** How a challenge answer ends: the payment request decided, or the challenge shown again. */
export type ChallengeResult = { done: PaymentRequest } | { retry: { wrongCodes: number } };

/**
 * Decides one answer to a 3-D Secure challenge whose payment request still `REQUIRES_ACTION`.
 * The right code captures; Cancel fails at once (`AUTHENTICATION_CANCELED`); a wrong code is
 * counted, and the last one `maxWrongThreeDsCodes` allows fails the request
 * (`AUTHENTICATION_FAILED`). A session that ended meanwhile takes no capture: the request fails,
 * and the session keeps its final status. Synchronous from check to transition, so two answers to
 * one challenge cannot both decide it.
 */
export function answerChallenge(
  gw: Gateway,
  pr: PaymentRequest,
  session: Session,
  form: { action: string | null; code: string | null },
): ChallengeResult {
  const id = pr.payment_request_id;
  if (session.status !== 'ACTIVE') {
    return { done: failPayment(gw, id, session.status === 'EXPIRED' ? 'SESSION_EXPIRED' : 'SESSION_NOT_ACTIVE') };
  }
  if (form.action === 'cancel') return { done: failPayment(gw, id, 'AUTHENTICATION_CANCELED') };
  if (form.code === THREE_DS_CODE) return { done: completePayment(gw, id) };
  return gw.store.transaction((): ChallengeResult => {
    const wrongCodes = gw.store.addWrongCode(id);
    if (wrongCodes >= gw.maxWrongThreeDsCodes) return { done: failPayment(gw, id, 'AUTHENTICATION_FAILED') };
    return { retry: { wrongCodes } };
  });
}

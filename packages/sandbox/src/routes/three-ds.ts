import type { ServerResponse } from 'node:http';
import { ErrorCode, isOrigin } from '@cards-session/protocol';
import { answerChallenge } from '../challenge';
import type { Gateway } from '../context';
import { ApiError } from '../errors';
import { sendHtml, type Router } from '../http';
import type { PaymentRequest, Session } from '../model';
import { csp } from '../security-headers';
import { loadSession } from '../sessions';
import { NOTIFY_HASH, STYLE_HASH, THREE_DS_CODE, challengePage, modalResultPage } from '../three-ds-pages';

export { THREE_DS_CODE };

/**
 * The 3-D Secure simulator. Redirect mode ends on the session's return URLs. Modal mode
 * (`?mode=modal&origin=<merchant origin>`, framed by an allowed origin) ends on a page that
 * posts the outcome to that exact origin instead of navigating.
 */
export function threeDsRoutes(router: Router, gw: Gateway): void {
  const load = (id: string) => {
    const pr = gw.store.getPaymentRequest(id);
    if (!pr) throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No payment request ${id.slice(0, 64)}`);
    return { pr, session: loadSession(gw, pr.payment_session_id) };
  };
  /** The merchant origin for modal mode: only one the session allows, never the page's word alone. */
  const modalOrigin = (session: Session, mode: string | null, origin: string | null): string | null => {
    if (mode !== 'modal') return null;
    if (!isOrigin(origin) || !session.allowed_origins.includes(origin)) {
      throw new ApiError(
        403,
        ErrorCode.ORIGIN_NOT_ALLOWED,
        'modal 3-D Secure needs an origin from the session allowed_origins',
      );
    }
    return origin;
  };
  const headers = (session: Session, modal: string | null) => {
    const returnOrigins = [
      session.cards_session_js.success_return_url,
      session.cards_session_js.failure_return_url,
    ].map((u) => new URL(u).origin);
    return {
      'Content-Security-Policy': csp({
        'default-src': "'none'",
        'style-src': STYLE_HASH,
        'script-src': modal ? NOTIFY_HASH : "'none'",
        // Chromium applies form-action to the redirect that follows the POST.
        'form-action': ["'self'", ...new Set(returnOrigins)].join(' '),
        'base-uri': "'none'",
        'frame-ancestors': modal ?? "'none'",
      }),
      'Referrer-Policy': 'no-referrer',
    };
  };
  const state = (pr: PaymentRequest) => ({
    wrongCodes: gw.store.wrongCodes(pr.payment_request_id),
    maxWrongCodes: gw.maxWrongThreeDsCodes,
  });
  const finish = (res: ServerResponse, pr: PaymentRequest, session: Session, modal: string | null) => {
    if (modal) return sendHtml(res, 200, modalResultPage(pr, modal, session.locale), headers(session, modal));
    const js = session.cards_session_js;
    res.writeHead(303, {
      Location: pr.status === 'SUCCEEDED' ? js.success_return_url : js.failure_return_url,
      'Cache-Control': 'no-store',
    });
    res.end();
  };

  router.route('getThreeDsChallenge', ({ res, params, url }) => {
    const { pr, session } = load(params.id ?? '');
    const modal = modalOrigin(session, url.searchParams.get('mode'), url.searchParams.get('origin'));
    // A finished payment (frictionless, or a reload after the challenge) goes straight to its end.
    if (pr.status !== 'REQUIRES_ACTION') return finish(res, pr, session, modal);
    sendHtml(res, 200, challengePage(pr, session, modal, state(pr)), headers(session, modal));
  });

  router.route('answerThreeDsChallenge', async ({ res, params, body }) => {
    // The form first: from the checks below to the transition nothing awaits, so a second answer
    // to the same challenge (a double click, a slow client) cannot decide it twice.
    const form = await body();
    const { pr, session } = load(params.id ?? '');
    if (pr.status !== 'REQUIRES_ACTION') {
      throw new ApiError(409, ErrorCode.SESSION_NOT_ACTIVE, `Payment request ${pr.payment_request_id} is ${pr.status}`);
    }
    const modal = modalOrigin(session, form.mode ?? null, form.origin ?? null);
    const result = answerChallenge(gw, pr, session, { action: form.action ?? null, code: form.code ?? null });
    // A wrong code with tries left: the same challenge again, with the error (422: not accepted).
    if ('retry' in result) {
      const page = challengePage(pr, session, modal, { ...result.retry, maxWrongCodes: gw.maxWrongThreeDsCodes });
      return sendHtml(res, 422, page, headers(session, modal));
    }
    finish(res, result.done, session, modal);
  });
}

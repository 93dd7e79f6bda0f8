import type { Gateway } from '../context';
import { sendJson, type Router } from '../http';
import {
  cancelSession,
  createSession,
  loadSession,
  owns,
  paymentRequestOf,
  publicSession,
  testCards,
} from '../sessions';

/** Server-to-server calls, authenticated with the merchant's secret key (declared in the contract). */
export function sessionRoutes(router: Router, gw: Gateway): void {
  router.route('createSession', async ({ res, owner, body }) => {
    sendJson(res, 201, createSession(gw, owner, await body()));
  });

  router.route('getSession', ({ res, owner, params }) => {
    sendJson(res, 200, publicSession(loadSession(gw, params.id ?? '', owner)));
  });

  router.route('cancelSession', ({ res, owner, params }) => {
    sendJson(res, 200, cancelSession(gw, owner, params.id ?? ''));
  });

  router.route('getPaymentRequest', ({ res, owner, params }) => {
    sendJson(res, 200, paymentRequestOf(gw, owner, params.id ?? ''));
  });

  // Sandbox only: the stored test cards, so a merchant's dev tools can offer each outcome.
  router.route('listTestCards', ({ res }) => sendJson(res, 200, { data: testCards() }));

  router.route('getJwks', ({ res }) => {
    sendJson(res, 200, gw.tokens.jwks(), {
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    });
  });

  router.route('validateResultToken', async ({ res, owner, body }) => {
    const claims = await gw.tokens.verifyResult((await body()).token);
    // A genuine token about another key's session is not this key's to trust: not valid for it.
    const mine = claims !== null && owns(gw, owner, claims.payment_session_id);
    sendJson(res, 200, mine ? { valid: true, claims } : { valid: false });
  });
}

import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@cards-session/protocol';
import { ApiError } from '../errors';
import { loadSession, owns, requireActive, requireSecretKey, type Gateway } from '../gateway';
import { readJson, sendJson, type Router } from '../http';
import type { Session } from '../model';
import { TEST_CARDS, findTestCard } from '../test-cards';
import { parseSessionInput } from '../validation';

const DEFAULT_TTL_MS = 30 * 60 * 1000;

/** Server-to-server calls, authenticated with the merchant's secret key. */
export function sessionRoutes(router: Router, gw: Gateway): void {
  router.add('POST', '/v1/sessions', async ({ req, res }) => {
    const owner = requireSecretKey(gw, req);
    const input = parseSessionInput(await readJson(req), gw.now());
    const card = findTestCard(input.cards_session_js.card_payment_token_id);
    if (!card) throw new Error('validated card token vanished');
    const now = new Date(gw.now()).toISOString();
    const session: Session = {
      payment_session_id: `ps-${randomUUID()}`,
      reference_id: input.reference_id,
      session_type: input.session_type,
      status: 'ACTIVE',
      amount: input.amount,
      currency: input.currency,
      country: input.country,
      customer: input.customer,
      cards_session_js: input.cards_session_js,
      card: { brand: card.brand, last4: card.last4 },
      allowed_origins: input.allowed_origins,
      locale: input.locale,
      metadata: input.metadata,
      payment_request_id: null,
      expires_at: new Date(input.expires_at ?? gw.now() + DEFAULT_TTL_MS).toISOString(),
      created: now,
      updated: now,
    };
    gw.store.insertSession(session, owner);
    sendJson(res, 201, session);
  });

  router.add('GET', '/v1/sessions/:id', ({ req, res, params }) => {
    const owner = requireSecretKey(gw, req);
    const { cvnAttempts: _, ...session } = loadSession(gw, params.id ?? '', owner);
    sendJson(res, 200, session);
  });

  router.add('POST', '/v1/sessions/:id/cancel', ({ req, res, params }) => {
    const owner = requireSecretKey(gw, req);
    const session = loadSession(gw, params.id ?? '', owner);
    requireActive(session);
    gw.store.updateSession(session.payment_session_id, { status: 'CANCELED' });
    const { cvnAttempts: _, ...canceled } = loadSession(gw, session.payment_session_id);
    sendJson(res, 200, canceled);
  });

  router.add('GET', '/v1/payment_requests/:id', ({ req, res, params }) => {
    const owner = requireSecretKey(gw, req);
    const pr = gw.store.getPaymentRequest(params.id ?? '');
    // Another key's payment request is not found either, in the same words.
    if (!pr || !owns(gw, owner, pr.payment_session_id)) {
      throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No payment request ${params.id?.slice(0, 64)}`);
    }
    sendJson(res, 200, pr);
  });

  // Sandbox only: the stored test cards, so a merchant's dev tools can offer each outcome.
  router.add('GET', '/v1/test_cards', ({ req, res }) => {
    requireSecretKey(gw, req);
    const data = Object.entries(TEST_CARDS).map(([id, card]) => ({ card_payment_token_id: id, ...card }));
    sendJson(res, 200, { data });
  });

  router.add('GET', '/.well-known/jwks.json', ({ res }) => {
    sendJson(res, 200, gw.tokens.jwks(), {
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    });
  });

  router.add('POST', '/v1/tokens/validate', async ({ req, res }) => {
    const owner = requireSecretKey(gw, req);
    const { token } = await readJson(req);
    if (typeof token !== 'string')
      throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'expected token to be a string');
    const claims = await gw.tokens.verifyResult(token);
    // A genuine token about another key's session is not this key's to trust: not valid for it.
    const mine = claims !== null && owns(gw, owner, claims.payment_session_id);
    sendJson(res, 200, mine ? { valid: true, claims } : { valid: false });
  });
}

import { ErrorCode as C } from '@cards-session/protocol';
import { CORS, json, error, badKey, badParam, tooLarge, notJson, notFound, idParam, type Operation } from './operation';
import { array, object } from './schema';
import { CreateSession, Jwks, PaymentRequest, Session, TestCard, TokenValidation, ValidateToken } from './schemas';

const SESSION_DEFAULTS = `The seed's request works verbatim (Xendit's one-click payment with CVN).
\`mode\` is \`CARDS_SESSION_JS\`, the default and the only mode. Without \`allowed_origins\`, the
origins of \`success_return_url\` and \`failure_return_url\` are the allowed origins; an explicit
list wins. Origins are exact (no wildcard); URLs hold no control characters; \`metadata\` and
\`customer\` are at most 3 levels deep, 50 fields each. Every problem is listed in \`errors\`, each
as "expected X, received Y".`;

/** What the merchant server calls with its secret key, and the sandbox's own helpers, in document order. */
export const SERVER_OPERATIONS = [
  {
    operationId: 'createSession',
    method: 'POST',
    path: '/v1/sessions',
    xenditPath: '/sessions',
    tag: 'Sessions',
    summary: 'Create a session, owned by the secret key that creates it',
    description: SESSION_DEFAULTS,
    auth: 'secretKey',
    body: { contentType: 'application/json', limit: 64 * 1024, schema: CreateSession },
    responses: {
      201: json('Created', Session),
      400: error(
        'The body failed validation (`errors` lists every problem), or `cards_session_js.form` names no live form of this key (`INVALID_FORM`)',
        C.API_VALIDATION_ERROR,
        C.INVALID_FORM,
      ),
      401: badKey,
      413: tooLarge,
      415: notJson,
    },
  },
  {
    operationId: 'getSession',
    method: 'GET',
    path: '/v1/sessions/{id}',
    xenditPath: '/sessions/{id}',
    tag: 'Sessions',
    summary: 'Read a session of this secret key',
    auth: 'secretKey',
    parameters: [idParam],
    responses: { 200: json('The session', Session), 400: badParam, 401: badKey, 404: notFound('session') },
  },
  {
    operationId: 'cancelSession',
    method: 'POST',
    path: '/v1/sessions/{id}/cancel',
    xenditPath: '/sessions/{id}/cancel',
    tag: 'Sessions',
    summary: 'Cancel an ACTIVE session of this secret key',
    auth: 'secretKey',
    parameters: [idParam],
    responses: {
      200: json('Canceled', Session),
      400: badParam,
      401: badKey,
      404: notFound('session'),
      409: error('The session is COMPLETED or CANCELED', C.SESSION_NOT_ACTIVE),
      410: error('The session has EXPIRED', C.SESSION_EXPIRED),
    },
  },
  {
    operationId: 'getPaymentRequest',
    method: 'GET',
    path: '/v1/payment_requests/{id}',
    tag: 'Sessions',
    summary: 'Status of a payment request of a session of this secret key',
    auth: 'secretKey',
    parameters: [idParam],
    responses: {
      200: json('The payment request', PaymentRequest),
      400: badParam,
      401: badKey,
      404: notFound('payment request'),
    },
  },
  {
    operationId: 'validateResultToken',
    method: 'POST',
    path: '/v1/tokens/validate',
    tag: 'Sessions',
    summary: 'Validate a result token',
    auth: 'secretKey',
    body: { contentType: 'application/json', limit: 64 * 1024, schema: ValidateToken },
    responses: {
      200: json(
        '`{valid: true, claims}`, or `{valid: false}` for a token that is not ours, tampered, expired, or about a session of another secret key',
        TokenValidation,
      ),
      400: error('`token` is not a string', C.API_VALIDATION_ERROR),
      401: badKey,
      413: tooLarge,
      415: notJson,
    },
  },
  {
    operationId: 'listTestCards',
    method: 'GET',
    path: '/v1/test_cards',
    tag: 'Sandbox',
    summary: 'The sandbox test cards: stored-card tokens and the outcome each selects (sandbox only)',
    auth: 'secretKey',
    responses: {
      200: json('The test cards', object({ data: array(TestCard, { expected: 'cards' }) })),
      401: badKey,
    },
  },
  {
    operationId: 'getJwks',
    method: 'GET',
    path: '/.well-known/jwks.json',
    tag: 'Sessions',
    summary: 'Public keys for result tokens',
    auth: 'public',
    responses: {
      200: json('JWKS', Jwks, {
        ...CORS,
        'Cache-Control': { description: 'Cached 5 minutes.', schema: { const: 'public, max-age=300' }, required: true },
      }),
    },
  },
] as const satisfies readonly Operation[];

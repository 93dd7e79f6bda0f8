import { ErrorCode as C } from '@cards-session/protocol';
import { badKey, error, html, idParam, json, notFound, ref, secret } from './openapi-parts';

const tooLarge = error('Body over the size limit', C.API_VALIDATION_ERROR);
const notJson = error('Content-Type is not application/json', C.API_VALIDATION_ERROR);
const replayed = {
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer of an earlier call with the same key and client token.',
    schema: { const: 'true' },
  },
};
/** Any answer of `payment_with_session` may be a replay: same status, same body, this header. */
const replayable = <T extends object>(answer: T) => ({ ...answer, headers: replayed });

const REPLAY_RULE = `One payment attempt is one \`Idempotency-Key\` with the client token that goes with it. A retry
with the same key and token gets the stored answer byte for byte (status and body, the same next
\`client_token\` and \`result_token\`) with \`Idempotent-Replayed: true\`, whatever the session is now
(completed, locked, out of payment requests, expired, canceled; an expired token still unlocks its
stored answer for a day); a replay counts no attempt, creates no payment request and sends no webhook.
The same key with another token is \`409 IDEMPOTENCY_CONFLICT\`; a spent token under a new key is
\`401 INVALID_CLIENT_TOKEN\`. The idempotency record never holds the CVN. Per session, the gateway
caps wrong CVNs (\`TOO_MANY_ATTEMPTS\`, the session locks) and payment requests
(\`TOO_MANY_PAYMENT_REQUESTS\`); a malformed CVN is \`API_VALIDATION_ERROR\` and is not counted.`;

/** `paths` of the served OpenAPI document: every route of the contract, every answer it can give. */
export const PATHS = {
  '/v1/sessions': {
    post: {
      summary: 'Create a session, owned by the secret key that creates it',
      security: secret,
      requestBody: json(ref('CreateSession')),
      responses: {
        201: { description: 'Created', ...json(ref('Session')) },
        400: error('The body failed validation; `errors` lists the fields', C.API_VALIDATION_ERROR),
        401: badKey,
        413: tooLarge,
        415: notJson,
      },
    },
  },
  '/v1/sessions/{id}': {
    get: {
      summary: 'Read a session of this secret key',
      security: secret,
      parameters: [idParam('id')],
      responses: {
        200: { description: 'The session', ...json(ref('Session')) },
        401: badKey,
        404: notFound('session'),
      },
    },
  },
  '/v1/sessions/{id}/cancel': {
    post: {
      summary: 'Cancel an ACTIVE session of this secret key',
      security: secret,
      parameters: [idParam('id')],
      responses: {
        200: { description: 'Canceled', ...json(ref('Session')) },
        401: badKey,
        404: notFound('session'),
        409: error('The session is COMPLETED or CANCELED', C.SESSION_NOT_ACTIVE),
        410: error('The session has EXPIRED', C.SESSION_EXPIRED),
      },
    },
  },
  '/v1/payment_requests/{id}': {
    get: {
      summary: 'Status of a payment request of a session of this secret key',
      security: secret,
      parameters: [idParam('id')],
      responses: {
        200: { description: 'The payment request', ...json(ref('PaymentRequest')) },
        401: badKey,
        404: notFound('payment request'),
      },
    },
  },
  '/v1/tokens/validate': {
    post: {
      summary: 'Validate a result token',
      security: secret,
      requestBody: json({ type: 'object', properties: { token: { type: 'string' } } }),
      responses: {
        200: {
          description:
            '`{valid: true, claims}`, or `{valid: false}` for a token that is not ours, tampered, expired, or about a session of another secret key',
        },
        400: error('`token` is not a string', C.API_VALIDATION_ERROR),
        401: badKey,
        413: tooLarge,
        415: notJson,
      },
    },
  },
  '/v1/test_cards': {
    get: {
      summary: 'The sandbox test cards: stored-card tokens and the outcome each selects (sandbox only)',
      security: secret,
      responses: {
        200: { description: '`{data: [{card_payment_token_id, brand, last4, outcome, description}]}`' },
        401: badKey,
      },
    },
  },
  '/.well-known/jwks.json': {
    get: { summary: 'Public keys for result tokens', responses: { 200: { description: 'JWKS' } } },
  },
  '/v1/frames/cvn': {
    get: {
      summary: 'The CVN frame document (browser, framed by an allowed origin); refusals are documents too',
      parameters: [
        { name: 'session', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'origin', in: 'query', required: true, schema: { type: 'string' } },
      ],
      responses: {
        200: html('The frame, with CSP frame-ancestors <origin> and its first client token'),
        400: html('Refusal: `origin` is not an origin', [C.API_VALIDATION_ERROR]),
        403: html('Refusal: the origin is not in allowed_origins', [C.ORIGIN_NOT_ALLOWED]),
        404: html('Refusal: no such session', [C.DATA_NOT_FOUND]),
        409: html('Refusal: the session is COMPLETED or CANCELED', [C.SESSION_NOT_ACTIVE]),
        410: html('Refusal: the session has EXPIRED', [C.SESSION_EXPIRED]),
        429: html('Refusal: the session is locked, or out of payment requests', [
          C.TOO_MANY_ATTEMPTS,
          C.TOO_MANY_PAYMENT_REQUESTS,
        ]),
      },
    },
  },
  '/v1/csp-reports': {
    post: {
      summary: 'CSP violation reports from frame documents (browser, report-uri); at most 8 KB',
      requestBody: {
        content: {
          'application/csp-report': { schema: { type: 'object' } },
          'application/reports+json': { schema: { type: 'array', items: { type: 'object' } } },
        },
      },
      responses: {
        204: { description: 'Received' },
        400: error('No report', C.API_VALIDATION_ERROR),
        413: error('Over 8 KB', C.API_VALIDATION_ERROR),
        415: error('Another Content-Type', C.API_VALIDATION_ERROR),
      },
    },
    get: {
      summary: 'The last 100 CSP violation reports, newest last (in memory only)',
      security: secret,
      responses: {
        200: {
          description: 'Reports',
          ...json({ type: 'object', properties: { reports: { type: 'array', items: ref('CspReport') } } }),
        },
        401: badKey,
      },
    },
  },
  '/v1/payment_with_session': {
    post: {
      summary: 'Submit the CVN (called by the frame only)',
      description: REPLAY_RULE,
      security: [{ clientToken: [] }],
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'One per payment attempt, sent again unchanged, with the same client token, on a retry.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,255}$' },
        },
      ],
      requestBody: json(ref('PaymentWithSession')),
      responses: {
        200: replayable({ description: 'Accepted', ...json(ref('PaymentWithSessionResult')) }),
        400: replayable(
          error(
            '`INVALID_CVN`: the CVN does not match (counted; `client_token` for the next try). `API_VALIDATION_ERROR`: a malformed CVN (not counted; `errors: [{path: "cvn"}]` and `client_token`), or a bad Idempotency-Key or body',
            C.INVALID_CVN,
            C.API_VALIDATION_ERROR,
          ),
        ),
        401: error(
          'Client token missing, malformed, already used, for another session, or expired (it expires with its session at the latest: an expired session answers this)',
          C.INVALID_CLIENT_TOKEN,
        ),
        402: replayable({
          description: 'Declined: `payment_request_id` is the FAILED payment request; `client_token` for another try',
          ...json({
            allOf: [
              ref('Error'),
              { properties: { error_code: { enum: [C.CARD_DECLINED] }, payment_request_id: { type: 'string' } } },
            ],
          }),
        }),
        403: error('Not called by the frame, or the origin is no longer allowed', C.ORIGIN_NOT_ALLOWED),
        404: error('The session of the client token does not exist', C.DATA_NOT_FOUND),
        409: error(
          '`IDEMPOTENCY_CONFLICT`: the key was used with another client token. `SESSION_NOT_ACTIVE`: the session is COMPLETED or CANCELED',
          C.IDEMPOTENCY_CONFLICT,
          C.SESSION_NOT_ACTIVE,
        ),
        413: tooLarge,
        415: notJson,
        429: replayable(
          error(
            '`TOO_MANY_ATTEMPTS`: the session is locked by wrong CVNs. `TOO_MANY_PAYMENT_REQUESTS`: this attempt would exceed the payment requests per session. No `client_token`',
            C.TOO_MANY_ATTEMPTS,
            C.TOO_MANY_PAYMENT_REQUESTS,
          ),
        ),
      },
    },
  },
  '/v1/3ds/{id}': {
    get: {
      summary: '3-D Secure challenge (simulator), in the session locale; `?mode=modal&origin=` to be framed',
      parameters: [idParam('id')],
      responses: {
        200: html('Challenge page; after wrong codes, it says how many tries are left'),
        303: { description: 'Finished: to the return URL' },
        403: error('Modal mode without an origin of the session', C.ORIGIN_NOT_ALLOWED),
        404: error('No such payment request', C.DATA_NOT_FOUND),
      },
    },
    post: {
      summary: 'Answer the challenge: code 1234 passes; wrong codes are capped per payment request; Cancel fails',
      parameters: [idParam('id')],
      responses: {
        200: html('Modal mode: the result page, which posts the outcome to the merchant origin'),
        303: { description: 'Decided: to success_return_url or failure_return_url' },
        403: error('Modal mode without an origin of the session', C.ORIGIN_NOT_ALLOWED),
        404: error('No such payment request', C.DATA_NOT_FOUND),
        409: error('The payment request is already decided', C.SESSION_NOT_ACTIVE),
        413: tooLarge,
        422: html('A wrong code with tries left: the challenge again, with an alert saying how many'),
      },
    },
  },
};

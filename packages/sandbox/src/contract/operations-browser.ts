import { ErrorCode as C } from '@cards-session/protocol';
import {
  NO_STORE,
  CORS,
  json,
  error,
  page,
  seeOther,
  badKey,
  badParam,
  tooLarge,
  notJson,
  idParam,
  replayable,
  type HeaderRule,
  type Operation,
} from './operation';
import { array, object } from './schema';
import { AssetManifest, CspReport, PaymentWithSession, PaymentWithSessionResult, ThreeDsForm } from './schemas';

const REPLAY_RULE = `One payment attempt is one \`Idempotency-Key\` with the client token that goes with it. A retry
with the same key and token gets the stored answer byte for byte (status and body, the same next
\`client_token\` and \`result_token\`) with \`Idempotent-Replayed: true\`, whatever the session is now
(completed, locked, out of payment requests, expired, canceled; an expired token still unlocks its
stored answer for a day); a replay counts no attempt, creates no payment request and sends no webhook.
The same key with another token is \`409 IDEMPOTENCY_CONFLICT\`; a spent token under a new key is
\`401 INVALID_CLIENT_TOKEN\`. The idempotency record never holds the CVN. Per session, the gateway
caps wrong CVNs (\`TOO_MANY_ATTEMPTS\`, the session locks) and payment requests
(\`TOO_MANY_PAYMENT_REQUESTS\`); a malformed CVN is \`API_VALIDATION_ERROR\` and is not counted.`;

/** What the frame and the shopper's browser call, and the assets, in document order. */
export const BROWSER_OPERATIONS = [
  {
    operationId: 'getCvnFrame',
    method: 'GET',
    path: '/v1/frames/cvn',
    tag: 'Browser',
    summary: 'The CVN frame document (browser, framed by an allowed origin); refusals are documents too',
    auth: 'public',
    parameters: [
      { name: 'session', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'origin', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'fonts', in: 'query', required: false, schema: { type: 'string' }, description: 'JSON font sources' },
    ],
    responses: {
      200: page('The frame, with CSP frame-ancestors <origin> and its first client token'),
      400: page('Refusal: `origin` is not an origin', [C.API_VALIDATION_ERROR]),
      403: page('Refusal: the origin is not in allowed_origins', [C.ORIGIN_NOT_ALLOWED]),
      404: page('Refusal: no such session', [C.DATA_NOT_FOUND]),
      409: page('Refusal: the session is COMPLETED or CANCELED', [C.SESSION_NOT_ACTIVE]),
      410: page('Refusal: the session has EXPIRED', [C.SESSION_EXPIRED]),
      429: page('Refusal: the session is locked, or out of payment requests', [
        C.TOO_MANY_ATTEMPTS,
        C.TOO_MANY_PAYMENT_REQUESTS,
      ]),
    },
  },
  {
    operationId: 'payWithSession',
    method: 'POST',
    path: '/v1/payment_with_session',
    tag: 'Browser',
    summary: 'Submit the CVN (called by the frame only)',
    description: REPLAY_RULE,
    auth: 'clientToken',
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: 'One per payment attempt, sent again unchanged, with the same client token, on a retry.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,255}$' },
      },
    ],
    body: { contentType: 'application/json', limit: 4096, schema: PaymentWithSession },
    responses: {
      200: replayable(json('Accepted', PaymentWithSessionResult)),
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
      402: replayable(
        error(
          'Declined: `payment_request_id` is the FAILED payment request; `client_token` for another try',
          C.CARD_DECLINED,
        ),
      ),
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
  {
    operationId: 'getThreeDsChallenge',
    method: 'GET',
    path: '/v1/3ds/{id}',
    tag: 'Browser',
    summary: '3-D Secure challenge (simulator), in the session locale; `?mode=modal&origin=` to be framed',
    auth: 'public',
    parameters: [
      idParam,
      { name: 'mode', in: 'query', required: false, schema: { enum: ['modal'] } },
      { name: 'origin', in: 'query', required: false, schema: { type: 'string' } },
    ],
    responses: {
      200: page('Challenge page; after wrong codes, it says how many tries are left'),
      303: seeOther('Finished: to the return URL'),
      400: badParam,
      403: error('Modal mode without an origin of the session', C.ORIGIN_NOT_ALLOWED),
      404: error('No such payment request', C.DATA_NOT_FOUND),
    },
  },
  {
    operationId: 'answerThreeDsChallenge',
    method: 'POST',
    path: '/v1/3ds/{id}',
    tag: 'Browser',
    summary: 'Answer the challenge: code 1234 passes; wrong codes are capped per payment request; Cancel fails',
    auth: 'public',
    parameters: [idParam],
    body: { contentType: 'application/x-www-form-urlencoded', limit: 4096, schema: ThreeDsForm },
    responses: {
      200: page('Modal mode: the result page, which posts the outcome to the merchant origin'),
      303: seeOther('Decided: to success_return_url or failure_return_url'),
      400: error('A form field that is not in the form, or a bad path parameter', C.API_VALIDATION_ERROR),
      403: error('Modal mode without an origin of the session', C.ORIGIN_NOT_ALLOWED),
      404: error('No such payment request', C.DATA_NOT_FOUND),
      409: error('The payment request is already decided', C.SESSION_NOT_ACTIVE),
      413: tooLarge,
      422: page('A wrong code with tries left: the challenge again, with an alert saying how many'),
    },
  },
  {
    operationId: 'sendCspReports',
    method: 'POST',
    path: '/v1/csp-reports',
    tag: 'Browser',
    summary: 'CSP violation reports from frame documents (browser, report-uri); at most 8 KB',
    auth: 'public',
    body: {
      contentType: 'application/csp-report',
      alternatives: { 'application/reports+json': { type: 'array', items: { type: 'object' } } },
      limit: 8 * 1024,
      schema: { json: { type: 'object' }, check: () => undefined },
    },
    responses: {
      204: { description: 'Received', headers: { 'Cache-Control': NO_STORE['Cache-Control'] as HeaderRule } },
      400: error('No report', C.API_VALIDATION_ERROR),
      413: error('Over 8 KB', C.API_VALIDATION_ERROR),
      415: error('Another Content-Type', C.API_VALIDATION_ERROR),
    },
  },
  {
    operationId: 'listCspReports',
    method: 'GET',
    path: '/v1/csp-reports',
    tag: 'Sandbox',
    summary: 'The last 100 CSP violation reports, newest last (in memory only)',
    auth: 'secretKey',
    responses: {
      200: json('Reports', object({ reports: array(CspReport, { expected: 'reports' }) })),
      401: badKey,
    },
  },
  {
    operationId: 'getAssetManifest',
    method: 'GET',
    path: '/assets/manifest.json',
    tag: 'Assets',
    summary: 'The SDK loader and frame script: versioned URLs and their SRI hashes',
    auth: 'public',
    responses: {
      200: json('The manifest', AssetManifest, {
        ...CORS,
        'Cache-Control': { description: 'Cached a minute.', schema: { const: 'public, max-age=60' }, required: true },
      }),
    },
  },
  {
    operationId: 'getAsset',
    method: 'GET',
    path: '/assets/{version}/{name}',
    tag: 'Assets',
    summary: 'A built script at its versioned, immutable URL (brotli or gzip when accepted)',
    auth: 'public',
    parameters: [
      { name: 'version', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
    ],
    responses: {
      200: {
        description: 'The script',
        contentType: 'text/javascript',
        headers: {
          ...CORS,
          'Cache-Control': {
            description: 'Immutable.',
            schema: { const: 'public, max-age=31536000, immutable' },
            required: true,
          },
        },
      },
      400: badParam,
      404: { description: 'No such version or script', contentType: 'text/plain', headers: CORS },
    },
  },
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    tag: 'Sandbox',
    summary: 'This document',
    auth: 'public',
    responses: { 200: json('OpenAPI 3.1', { json: { type: 'object' }, check: () => undefined }, CORS) },
  },
] as const satisfies readonly Operation[];

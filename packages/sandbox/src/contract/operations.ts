import { ErrorCode as C, type ErrorCode } from '@cards-session/protocol';
import { array, object, type JsonSchema, type Schema } from './schema';
import {
  AssetManifest,
  CreateSession,
  CspReport,
  ErrorBody,
  Jwks,
  PaymentRequest,
  PaymentWithSession,
  PaymentWithSessionResult,
  Session,
  TestCard,
  ThreeDsForm,
  TokenValidation,
  ValidateToken,
} from './schemas';

// Every operation of the sandbox's HTTP contract as data: its path (and Xendit's, where the seed
// has one), who may call it, what it takes and every answer it can give. The router registers
// routes from these, authenticates as `auth` says, and the OpenAPI document is made of them.

/** Who may call an operation: the merchant's server (secret key), the frame (client token), anyone. */
export type Auth = 'secretKey' | 'clientToken' | 'public';

/** A response header the contract promises. */
export interface HeaderRule {
  description: string;
  schema: JsonSchema;
  /** Sent on every answer of this status (a conformance test checks it); else only sometimes. */
  required: boolean;
}

/** One answer an operation can give. */
export interface Answer {
  description: string;
  /** The body's media type; none for an answer without body. */
  contentType?: 'application/json' | 'text/html' | 'text/javascript' | 'text/plain';
  /** The JSON body's schema. */
  body?: Schema<unknown>;
  /** The error codes the body (JSON, or a refusal page's data) may name. */
  codes?: readonly ErrorCode[];
  headers?: Record<string, HeaderRule>;
}

/** A request body: its media type, largest size and schema. */
export interface RequestBody {
  contentType: 'application/json' | 'application/x-www-form-urlencoded' | 'application/csp-report';
  /** Other media types the operation takes, documented as they are. */
  alternatives?: Record<string, JsonSchema>;
  limit: number;
  schema: Schema<unknown>;
}

/** A query, path or header parameter. */
export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** One operation of the contract. */
export interface Operation {
  operationId: string;
  method: 'GET' | 'POST';
  /** OpenAPI form: `/v1/sessions/{id}`. */
  path: string;
  /** The same operation at Xendit's path, so server code written for the seed needs only a new host. */
  xenditPath?: string;
  tag: Tag;
  summary: string;
  description?: string;
  auth: Auth;
  parameters?: readonly Parameter[];
  body?: RequestBody;
  responses: Readonly<Record<number, Answer>>;
}

/** The groups operations are listed under. */
export const TAGS = {
  Sessions: 'Payment sessions and payment requests: the merchant server calls, with the secret key.',
  Browser: 'What the CVN frame and the shopper’s browser call: the frame, the CVN, 3-D Secure, CSP reports.',
  Assets: 'The SDK loader and frame script, with their Subresource Integrity hashes.',
  Sandbox: 'Development helpers and the contract itself.',
} as const;
/** A tag of {@link TAGS}. */
export type Tag = keyof typeof TAGS;

const NO_STORE: Record<string, HeaderRule> = {
  'Cache-Control': { description: 'Never cached.', schema: { const: 'no-store' }, required: true },
  'X-Content-Type-Options': { description: 'No sniffing.', schema: { const: 'nosniff' }, required: true },
};
const CORS: Record<string, HeaderRule> = {
  'Access-Control-Allow-Origin': { description: 'Readable from any page.', schema: { const: '*' }, required: true },
};

/** A JSON answer of `body`. */
const json = (description: string, body: Schema<unknown>, headers: Record<string, HeaderRule> = NO_STORE): Answer => ({
  description,
  contentType: 'application/json',
  body,
  headers,
});
/** An error answer naming one of `codes`. */
const error = (description: string, ...codes: ErrorCode[]): Answer => ({
  description,
  contentType: 'application/json',
  body: ErrorBody,
  codes,
  headers: NO_STORE,
});
/** An HTML page; `codes` are those a refusal page names in its data. */
const page = (description: string, codes: ErrorCode[] = [], csp = true): Answer => ({
  description,
  contentType: 'text/html',
  codes,
  headers: {
    ...NO_STORE,
    ...(csp
      ? {
          'Content-Security-Policy': {
            description: "The page's policy: frame-ancestors names the only page that may show it.",
            schema: { type: 'string', pattern: "default-src 'none'" },
            required: true,
          },
        }
      : {}),
  },
});
const seeOther = (description: string): Answer => ({
  description,
  headers: {
    Location: { description: 'The return URL.', schema: { type: 'string', format: 'uri' }, required: true },
    'Cache-Control': NO_STORE['Cache-Control'] as HeaderRule,
  },
});

const badKey = error('The secret key is missing or wrong', C.INVALID_API_KEY);
const badParam = error('A path parameter is not valid percent-encoding', C.API_VALIDATION_ERROR);
const tooLarge = error('Body over the size limit', C.API_VALIDATION_ERROR);
const notJson = error('Content-Type is not application/json', C.API_VALIDATION_ERROR);
const notFound = (what: string) =>
  error(
    `No such ${what}, or it belongs to another secret key: the same answer, so a key cannot tell them apart`,
    C.DATA_NOT_FOUND,
  );
const idParam: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const replayed: Record<string, HeaderRule> = {
  ...NO_STORE,
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer of an earlier call with the same key and client token.',
    schema: { const: 'true' },
    required: false,
  },
};
/** Any answer of `payment_with_session` may be a replay: same status, same body, this header. */
const replayable = (answer: Answer): Answer => ({ ...answer, headers: replayed });

const REPLAY_RULE = `One payment attempt is one \`Idempotency-Key\` with the client token that goes with it. A retry
with the same key and token gets the stored answer byte for byte (status and body, the same next
\`client_token\` and \`result_token\`) with \`Idempotent-Replayed: true\`, whatever the session is now
(completed, locked, out of payment requests, expired, canceled; an expired token still unlocks its
stored answer for a day); a replay counts no attempt, creates no payment request and sends no webhook.
The same key with another token is \`409 IDEMPOTENCY_CONFLICT\`; a spent token under a new key is
\`401 INVALID_CLIENT_TOKEN\`. The idempotency record never holds the CVN. Per session, the gateway
caps wrong CVNs (\`TOO_MANY_ATTEMPTS\`, the session locks) and payment requests
(\`TOO_MANY_PAYMENT_REQUESTS\`); a malformed CVN is \`API_VALIDATION_ERROR\` and is not counted.`;

const SESSION_DEFAULTS = `The seed's request works verbatim (Xendit's one-click payment with CVN).
\`mode\` is \`CARDS_SESSION_JS\`, the default and the only mode. Without \`allowed_origins\`, the
origins of \`success_return_url\` and \`failure_return_url\` are the allowed origins; an explicit
list wins. Origins are exact (no wildcard); URLs hold no control characters; \`metadata\` and
\`customer\` are at most 3 levels deep, 50 fields each. Every problem is listed in \`errors\`, each
as "expected X, received Y".`;

/** The operations of the contract, in the order the document lists them. */
export const OPERATIONS = [
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
      400: error('The body failed validation; `errors` lists every problem', C.API_VALIDATION_ERROR),
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

/** An operation's id. */
export type OperationId = (typeof OPERATIONS)[number]['operationId'];

/** The operation with this id. */
export function operation(id: OperationId): Operation {
  const found = OPERATIONS.find((op) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}

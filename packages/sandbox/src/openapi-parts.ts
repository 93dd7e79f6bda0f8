import { ErrorCode } from '@cards-session/protocol';
import { TEST_CARDS } from './test-cards';

// The building blocks of the served OpenAPI document (openapi.ts): reusable answers and schemas.

/** A reference to a schema of `components.schemas`. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON body of `schema`. */
export const json = (schema: object) => ({ content: { 'application/json': { schema } } });

/** An HTML page; `codes` are the error codes a refusal page names in its data. */
export const html = (description: string, codes: ErrorCode[] = []) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
  ...(codes.length ? { 'x-error-codes': codes } : {}),
});

/** An error answer (`{error_code, message, errors?, client_token?}`) that is one of `codes`. */
export const error = (description: string, ...codes: ErrorCode[]) => ({
  description,
  ...json({ allOf: [ref('Error'), { properties: { error_code: { enum: codes } } }] }),
});

/** HTTP Basic with the merchant's secret key. */
export const secret = [{ secretKey: [] }];

/** A path parameter. */
export const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** `401 INVALID_API_KEY`, on every server-to-server call. */
export const badKey = error('The secret key is missing or wrong', ErrorCode.INVALID_API_KEY);

/** A session or payment request that does not exist, or belongs to another secret key. */
export const notFound = (what: string) =>
  error(
    `No such ${what}, or it belongs to another secret key: the same answer, so a key cannot tell them apart`,
    ErrorCode.DATA_NOT_FOUND,
  );

/** The document's reusable schemas. */
export const SCHEMAS = {
  Error: {
    type: 'object',
    required: ['error_code', 'message'],
    properties: {
      error_code: { type: 'string', enum: Object.values(ErrorCode) },
      message: { type: 'string' },
      errors: {
        type: 'array',
        items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
      },
      client_token: {
        type: 'string',
        description: 'Browser calls: the next client token when the session can still be used.',
      },
    },
  },
  CreateSession: {
    type: 'object',
    additionalProperties: false,
    required: ['reference_id', 'session_type', 'amount', 'currency', 'country', 'cards_session_js', 'allowed_origins'],
    properties: {
      reference_id: { type: 'string', minLength: 1, maxLength: 255 },
      session_type: { enum: ['PAY', 'SAVE'] },
      amount: { type: 'number', minimum: 0 },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      country: { type: 'string', pattern: '^[A-Z]{2}$' },
      customer: { type: ['object', 'null'] },
      cards_session_js: {
        type: 'object',
        required: ['card_payment_token_id', 'success_return_url', 'failure_return_url'],
        properties: {
          card_payment_token_id: { enum: Object.keys(TEST_CARDS) },
          success_return_url: { type: 'string', format: 'uri' },
          failure_return_url: { type: 'string', format: 'uri' },
        },
      },
      allowed_origins: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', format: 'uri' } },
      expires_at: { type: 'string', format: 'date-time' },
      locale: { enum: ['en', 'id'] },
      metadata: { type: ['object', 'null'] },
    },
  },
  Session: {
    type: 'object',
    properties: {
      payment_session_id: { type: 'string' },
      reference_id: { type: 'string' },
      status: { enum: ['ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELED'] },
      amount: { type: 'number' },
      currency: { type: 'string' },
      card: { type: 'object', properties: { brand: { type: 'string' }, last4: { type: 'string' } } },
      payment_request_id: { type: ['string', 'null'] },
      expires_at: { type: 'string', format: 'date-time' },
    },
  },
  PaymentRequest: {
    type: 'object',
    properties: {
      payment_request_id: { type: 'string' },
      payment_session_id: { type: 'string' },
      status: { enum: ['REQUIRES_ACTION', 'SUCCEEDED', 'FAILED'] },
      action_url: { type: 'string', format: 'uri' },
      failure_code: { type: ['string', 'null'] },
    },
  },
  PaymentWithSession: {
    type: 'object',
    required: ['payment_session_id', 'cvn'],
    properties: { payment_session_id: { type: 'string' }, cvn: { type: 'string', pattern: '^[0-9]{3,4}$' } },
  },
  PaymentWithSessionResult: {
    type: 'object',
    properties: {
      payment_request_id: { type: 'string' },
      action_url: { type: 'string', format: 'uri' },
      message: { type: 'string' },
      client_token: { type: 'string' },
      result_token: {
        type: 'string',
        description: 'ES256 JWS over the outcome; verify with /.well-known/jwks.json.',
      },
    },
  },
  CspReport: {
    type: 'object',
    description: 'One CSP violation from a frame document, reduced to these fields.',
    properties: {
      document_uri: { type: 'string', description: 'Without query or fragment.' },
      effective_directive: { type: 'string' },
      blocked_uri: { type: 'string', description: 'A keyword (inline, eval…) or a URL without query.' },
      disposition: { enum: ['enforce', 'report'] },
    },
  },
};

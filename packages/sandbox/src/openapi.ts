import { ErrorCode } from '@cards-session/protocol';
import { TEST_CARDS } from './test-cards';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const secret = [{ secretKey: [] }];
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** The HTTP contract of DESIGN.md as OpenAPI 3.1, served at `/openapi.json`. */
export function openApiDocument(serverOrigin: string, version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cards Session sandbox gateway',
      version,
      description: 'Sessions, hosted CVN frame, payment with session, 3-D Secure simulator, webhooks.',
    },
    servers: [{ url: serverOrigin }],
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'basic', description: 'The secret key as user name, empty password.' },
        clientToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWS',
          description: 'Single-use client token held by the frame.',
        },
      },
      schemas: {
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
          required: [
            'reference_id',
            'session_type',
            'amount',
            'currency',
            'country',
            'cards_session_js',
            'allowed_origins',
          ],
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
        WebhookEvent: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            event: { type: 'string' },
            business_id: { type: 'string' },
            created: { type: 'string' },
            data: { type: 'object' },
          },
        },
      },
    },
    paths: {
      '/v1/sessions': {
        post: {
          summary: 'Create a session',
          security: secret,
          requestBody: json(ref('CreateSession')),
          responses: {
            201: { description: 'Created', ...json(ref('Session')) },
            400: error('API_VALIDATION_ERROR'),
            401: error('INVALID_API_KEY'),
          },
        },
      },
      '/v1/sessions/{id}': {
        get: {
          summary: 'Read a session',
          security: secret,
          parameters: [idParam('id')],
          responses: { 200: { description: 'The session', ...json(ref('Session')) }, 404: error('DATA_NOT_FOUND') },
        },
      },
      '/v1/sessions/{id}/cancel': {
        post: {
          summary: 'Cancel an ACTIVE session',
          security: secret,
          parameters: [idParam('id')],
          responses: { 200: { description: 'Canceled', ...json(ref('Session')) }, 409: error('SESSION_NOT_ACTIVE') },
        },
      },
      '/v1/payment_requests/{id}': {
        get: {
          summary: 'Status of a payment request',
          security: secret,
          parameters: [idParam('id')],
          responses: {
            200: { description: 'The payment request', ...json(ref('PaymentRequest')) },
            404: error('DATA_NOT_FOUND'),
          },
        },
      },
      '/v1/tokens/validate': {
        post: {
          summary: 'Validate a result token',
          security: secret,
          requestBody: json({ type: 'object', properties: { token: { type: 'string' } } }),
          responses: { 200: { description: '`{valid, claims?}`' } },
        },
      },
      '/v1/test_cards': {
        get: {
          summary: 'The sandbox test cards: stored-card tokens and the outcome each selects (sandbox only)',
          security: secret,
          responses: {
            200: { description: '`{data: [{card_payment_token_id, brand, last4, outcome, description}]}`' },
          },
        },
      },
      '/.well-known/jwks.json': {
        get: { summary: 'Public keys for result tokens', responses: { 200: { description: 'JWKS' } } },
      },
      '/v1/frames/cvn': {
        get: {
          summary: 'The CVN frame document (browser, framed by an allowed origin)',
          parameters: [
            { name: 'session', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'origin', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'HTML with CSP frame-ancestors <origin>' },
            403: { description: 'Refusal document (ORIGIN_NOT_ALLOWED)' },
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
            400: error('API_VALIDATION_ERROR: no report'),
            413: error('API_VALIDATION_ERROR: over 8 KB'),
            415: error('API_VALIDATION_ERROR: another Content-Type'),
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
            401: error('INVALID_API_KEY'),
          },
        },
      },
      '/v1/payment_with_session': {
        post: {
          summary: 'Submit the CVN (called by the frame only)',
          security: [{ clientToken: [] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,255}$' },
            },
          ],
          requestBody: json(ref('PaymentWithSession')),
          responses: {
            200: { description: 'Accepted', ...json(ref('PaymentWithSessionResult')) },
            400: error('INVALID_CVN'),
            401: error('INVALID_CLIENT_TOKEN'),
            402: error('CARD_DECLINED'),
            409: error('IDEMPOTENCY_CONFLICT'),
            429: error('TOO_MANY_ATTEMPTS'),
          },
        },
      },
      '/v1/3ds/{id}': {
        get: {
          summary: '3-D Secure challenge (simulator)',
          parameters: [idParam('id')],
          responses: { 200: { description: 'Challenge page' }, 303: { description: 'Finished: to the return URL' } },
        },
        post: {
          summary: 'Answer the challenge',
          parameters: [idParam('id')],
          responses: { 303: { description: 'To success_return_url or failure_return_url' } },
        },
      },
    },
    webhooks: Object.fromEntries(
      ['payment.capture', 'payment.failure', 'payment_session.completed', 'payment_session.expired'].map((type) => [
        type,
        {
          post: {
            summary: `${type}: headers x-callback-token, webhook-id, webhook-timestamp, webhook-signature`,
            requestBody: json(ref('WebhookEvent')),
            responses: { 200: { description: 'Acknowledged; anything else is retried' } },
          },
        },
      ]),
    ),
  };
}

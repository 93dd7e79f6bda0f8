import { CARD_BRANDS, ErrorCode, LOCALES, cvnPattern, isLoopbackOrigin, isOrigin } from '@cards-session/protocol';
import { TEST_CARDS } from '../test-cards';
import {
  anyOf,
  array,
  custom,
  freeform,
  named,
  nullable,
  number,
  object,
  oneOf,
  optional,
  problem,
  record,
  refine,
  string,
  type Infer,
} from './schema';

// The HTTP contract's bodies, each written once: the sandbox checks requests with them, its types
// are inferred from them, and the served OpenAPI document is made of them.

const ID = string({ min: 1, max: 255, expected: 'a string of 1 to 255 characters' });
const TIME = string({ format: 'date-time', expected: 'an ISO 8601 time', description: 'ISO 8601, UTC' });

/** A session's modes: the sandbox speaks only the hosted CVN field's. */
export const MODES = ['CARDS_SESSION_JS'] as const;

/** Where a payment's outcome sends the shopper: `https:`, or `http:` on a loopback host. */
export function isReturnUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackOrigin(url.origin));
  } catch {
    return false;
  }
}

const RETURN_URL = string({
  max: 2048,
  // eslint-disable-next-line no-control-regex -- no control character (nor space) anywhere in the URL
  pattern: /^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/?#]|$))[^\u0000-\u0020\u007f]*$/,
  test: isReturnUrl,
  format: 'uri',
  expected: 'an absolute https: URL (http: on localhost) without spaces or control characters',
});

/** An origin a session allows: `scheme://host[:port]`, exactly, no wildcard, no path. */
const ORIGIN = string({
  max: 2048,
  // The default port is never written (the origin of https://x:443 is https://x), nor a leading zero.
  pattern:
    /^(https:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(?!443$)[1-9][0-9]{0,4})?|http:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(?!80$)[1-9][0-9]{0,4})?)$/,
  test: (value) => isOrigin(value) && !value.includes('*'),
  expected: 'an origin: scheme://host[:port], no path, no wildcard',
  description: 'Exactly as a browser serializes it: lower-case host, no default port, a port up to 65535',
});

/** What a merchant may keep with a session: small and shallow. */
const METADATA_RULES = { depth: 3, keys: 50, keyLength: 40, stringLength: 500 } as const;

/** The customer, as the seed's request has it (`reference_id`, `type`, `email`, `individual_detail`…). */
const CUSTOMER = freeform({
  ...METADATA_RULES,
  description: 'The customer, kept as given (Xendit shape: reference_id, type, email, individual_detail…)',
});

/** A custom form's name, as `PUT /v1/forms/{name}` takes it. */
export const FORM_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const FORM_NAME = string({
  pattern: FORM_NAME_PATTERN,
  expected: 'a form name: a-z, 0-9, - and _, at most 64 characters',
  description: 'A custom form of this secret key (PUT /v1/forms/{name}); the session pins its current version',
});

const CARD_FIELDS = {
  card_payment_token_id: oneOf(
    Object.keys(TEST_CARDS),
    'A stored card: the sandbox test cards',
    'a stored card token (see the test-card table)',
  ),
  success_return_url: RETURN_URL,
  failure_return_url: RETURN_URL,
};
const CARDS_SESSION_JS = object({ ...CARD_FIELDS, form: optional(FORM_NAME) });

/** `POST /v1/sessions` (alias `POST /sessions`): the seed's request, verbatim, plus our fields. */
export const CreateSession = named(
  'CreateSession',
  refine(
    object({
      reference_id: ID,
      session_type: oneOf(['PAY', 'SAVE']),
      mode: optional(oneOf(MODES, 'Default CARDS_SESSION_JS, the only mode of the sandbox')),
      amount: number({ min: 0, max: 1e12, description: 'Greater than 0 when session_type is PAY' }),
      currency: string({ pattern: /^[A-Z]{3}$/, expected: 'an ISO 4217 code such as "IDR"' }),
      country: string({ pattern: /^[A-Z]{2}$/, expected: 'an ISO 3166 alpha-2 code such as "ID"' }),
      customer: optional(nullable(CUSTOMER)),
      customer_id: optional(nullable(ID)),
      cards_session_js: CARDS_SESSION_JS,
      allowed_origins: optional(
        array(ORIGIN, {
          min: 1,
          max: 20,
          expected: 'an array of 1 to 20 origins such as "https://shop.example"',
        }),
      ),
      expires_at: optional(
        string({
          format: 'date-time',
          expected: 'an ISO 8601 time in the next 24 hours',
          description: 'Within 24 hours; default 30 minutes from now',
        }),
      ),
      locale: optional(oneOf(LOCALES)),
      metadata: optional(nullable(freeform({ ...METADATA_RULES, description: 'Yours, kept as given' }))),
    }),
    {
      json: {
        if: { properties: { session_type: { const: 'PAY' } } },
        then: { properties: { amount: { exclusiveMinimum: 0 } } },
      },
      check: (body, path, problems) => {
        if (body.session_type === 'PAY' && body.amount === 0)
          problems.push(problem(path ? `${path}.amount` : 'amount', 'a positive number for a PAY session', 0));
      },
    },
  ),
);
/** A `POST /v1/sessions` body that passed {@link CreateSession}. */
export type CreateSessionBody = Infer<typeof CreateSession>;

const STATUS = oneOf(['ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELED']);

/** A payment session, as every session answer and webhook has it. */
export const Session = named(
  'Session',
  object({
    payment_session_id: string({ expected: 'a session id' }),
    reference_id: ID,
    session_type: oneOf(['PAY', 'SAVE']),
    mode: oneOf(MODES),
    status: STATUS,
    amount: number(),
    currency: string({ expected: 'a currency' }),
    country: string({ expected: 'a country' }),
    customer_id: nullable(string({ expected: 'a customer id' })),
    customer: nullable(CUSTOMER),
    business_id: string({
      expected: 'a business id',
      description: 'Who owns the session: derived from the secret key',
    }),
    cards_session_js: object({ ...CARD_FIELDS, form: nullable(FORM_NAME) }),
    card: object({ brand: oneOf(CARD_BRANDS), last4: string({ pattern: /^[0-9]{4}$/, expected: '4 digits' }) }),
    allowed_origins: array(ORIGIN, { expected: 'origins' }),
    locale: oneOf(LOCALES),
    metadata: nullable(freeform(METADATA_RULES)),
    payment_request_id: nullable(string({ expected: 'a payment request id' })),
    expires_at: TIME,
    created: TIME,
    updated: TIME,
  }),
);
/** A session as the API answers it. */
export type Session = Infer<typeof Session>;

/** A payment request's status. */
export const PAYMENT_REQUEST_STATUSES = ['REQUIRES_ACTION', 'SUCCEEDED', 'FAILED'] as const;

/** A payment request: one attempt to pay a session. */
export const PaymentRequest = named(
  'PaymentRequest',
  object({
    payment_request_id: string({ expected: 'a payment request id' }),
    payment_session_id: string({ expected: 'a session id' }),
    reference_id: ID,
    status: oneOf(PAYMENT_REQUEST_STATUSES),
    amount: number(),
    currency: string({ expected: 'a currency' }),
    action_url: string({ format: 'uri', expected: 'a URL' }),
    failure_code: nullable(string({ expected: 'a failure code' })),
    created: TIME,
    updated: TIME,
  }),
);
/** A payment request as the API answers it. */
export type PaymentRequest = Infer<typeof PaymentRequest>;

/**
 * The frame's CVN call. The CVN's shape is documented here but decided by the payment itself: a
 * malformed one still gets the next client token, and is not counted.
 */
export const PaymentWithSession = named(
  'PaymentWithSession',
  object({
    payment_session_id: string({ expected: 'the session id of the client token' }),
    cvn: custom<unknown>(
      { type: 'string', pattern: cvnPattern(), description: '3 digits, 4 for Amex; checked by the payment' },
      () => undefined,
    ),
  }),
);

/** An accepted CVN: 3-D Secure next (or done, frictionless). */
export const PaymentWithSessionResult = named(
  'PaymentWithSessionResult',
  object({
    payment_request_id: string({ expected: 'a payment request id' }),
    action_url: string({ format: 'uri', expected: 'a URL' }),
    message: string({ expected: 'a message' }),
    client_token: string({ expected: 'a client token' }),
    result_token: string({
      expected: 'a JWS',
      description: 'ES256 JWS over the outcome; verify with /.well-known/jwks.json.',
    }),
  }),
);

/** `POST /v1/tokens/validate`. */
export const ValidateToken = named('ValidateToken', object({ token: string({ expected: 'a string' }) }));

/** A result token's claims, as `tokens/validate` answers them. */
export const ResultClaims = named(
  'ResultClaims',
  object({
    payment_request_id: string({ expected: 'an id' }),
    payment_session_id: string({ expected: 'an id' }),
    reference_id: string({ expected: 'an id' }),
    status: string({ expected: 'a status' }),
    amount: number(),
    currency: string({ expected: 'a currency' }),
    iss: string({ expected: 'the issuer' }),
    aud: string({ expected: 'the audience' }),
    sub: string({ expected: 'the payment request id' }),
    iat: number({ integer: true }),
    exp: number({ integer: true }),
  }),
);

/** Exactly `value`. */
function constant<const V extends boolean>(value: V) {
  return custom<V>({ const: value }, (input, path, problems) => {
    if (input !== value) problems.push(problem(path, String(value), input));
  });
}

/** `tokens/validate`: `{valid: true, claims}` for our genuine token about this key's session, else `{valid: false}`. */
export const TokenValidation = named(
  'TokenValidation',
  anyOf(
    [object({ valid: constant(true), claims: ResultClaims }), object({ valid: constant(false) })],
    '{valid, claims} or {valid}',
  ),
);

/** One sandbox test card. */
export const TestCard = named(
  'TestCard',
  object({
    card_payment_token_id: string({ expected: 'a token' }),
    brand: oneOf(CARD_BRANDS),
    last4: string({ expected: '4 digits' }),
    outcome: oneOf(['challenge', 'frictionless', 'decline', 'cvn_mismatch']),
    description: string({ expected: 'a description' }),
  }),
);

/** One CSP violation from a frame document, reduced to these fields. */
export const CspReport = named(
  'CspReport',
  object({
    document_uri: string({ expected: 'a URL', description: 'Without query or fragment.' }),
    effective_directive: string({ expected: 'a directive' }),
    blocked_uri: string({ expected: 'a URL', description: 'A keyword (inline, eval…) or a URL without query.' }),
    disposition: oneOf(['enforce', 'report']),
  }),
);

/** The public keys of result tokens. */
export const Jwks = named(
  'Jwks',
  object({
    keys: array(
      object({
        kty: oneOf(['EC']),
        crv: oneOf(['P-256']),
        x: string({ expected: 'base64url' }),
        y: string({ expected: 'base64url' }),
        kid: string({ expected: 'a key id' }),
        alg: oneOf(['ES256']),
        use: oneOf(['sig']),
      }),
      { min: 1, expected: 'keys' },
    ),
  }),
);

/** `GET /assets/manifest.json`: the SDK loader and frame script at versioned URLs, with their SRI hashes. */
export const AssetManifest = named(
  'AssetManifest',
  object({
    version: string({ expected: 'a version' }),
    assets: record(
      object({
        url: string({ format: 'uri', expected: 'a URL' }),
        integrity: string({ pattern: /^sha(256|384|512)-[A-Za-z0-9+/=]+$/, expected: 'an SRI hash' }),
      }),
      'By file name: cards-session.min.js (the loader) and frame.js',
    ),
  }),
);

/** The 3-D Secure simulator's form (`application/x-www-form-urlencoded`). */
export const ThreeDsForm = named(
  'ThreeDsForm',
  object({
    action: optional(oneOf(['authenticate', 'cancel'])),
    code: optional(string({ max: 16, expected: 'the one-time code' })),
    mode: optional(oneOf(['modal'])),
    origin: optional(string({ max: 2048, expected: 'the merchant origin (modal mode)' })),
  }),
);

/** One problem of a refused custom form (`INVALID_FORM`). */
export const FormProblem = named(
  'FormProblem',
  object({
    file: string({ expected: 'a path in the zip', description: '`(zip)` for the archive itself' }),
    line: number({ integer: true, min: 0, description: '1-based; 0 for the file as a whole' }),
    reason: string({ expected: 'a reason' }),
  }),
);

/** A stored custom form version. */
export const Form = named(
  'Form',
  object({
    name: FORM_NAME,
    version: number({
      integer: true,
      min: 1,
      description: '1 for the first upload of this name, then one more per PUT',
    }),
    id: string({
      pattern: /^form_[0-9a-f]{24}$/,
      expected: 'a form version id',
      description: 'The version: immutable; its files are at /v1/frames/forms/{id}/{path}',
    }),
    files: array(
      object({
        path: string({ expected: 'a path in the zip' }),
        bytes: number({ integer: true, min: 0 }),
        content_type: string({ expected: 'a content type' }),
      }),
      { expected: 'files' },
    ),
    created_at: TIME,
  }),
);

/** `GET /v1/forms`: the current version of every live form of this key. */
export const FormList = named('FormList', object({ data: array(Form, { expected: 'forms' }) }));

/** Every error answer: a code to switch on, a message, and where it applies the problems and the next client token. */
export const ErrorBody = named(
  'Error',
  object({
    error_code: oneOf(Object.values(ErrorCode)),
    message: string({ expected: 'a message' }),
    errors: optional(
      array(
        anyOf(
          [object({ path: string({ expected: 'a path' }), message: string({ expected: 'a message' }) }), FormProblem],
          'a field problem or a form problem',
        ),
        { expected: 'problems' },
      ),
    ),
    client_token: optional(
      string({
        expected: 'a client token',
        description: 'Browser calls: the next client token when the session can still be used.',
      }),
    ),
    payment_request_id: optional(
      string({ expected: 'an id', description: '402 CARD_DECLINED only: the FAILED payment request.' }),
    ),
  }),
);

/** The schemas the document lists under `components.schemas`. */
export const COMPONENTS = [
  CreateSession,
  Session,
  PaymentRequest,
  PaymentWithSession,
  PaymentWithSessionResult,
  ValidateToken,
  ResultClaims,
  TokenValidation,
  TestCard,
  CspReport,
  Jwks,
  AssetManifest,
  ThreeDsForm,
  Form,
  FormList,
  FormProblem,
  ErrorBody,
];

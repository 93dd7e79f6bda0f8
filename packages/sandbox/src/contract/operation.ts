import { ErrorCode as C, type ErrorCode } from '@cards-session/protocol';
import type { JsonSchema, Schema } from './schema';
import { ErrorBody } from './schemas';

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
  /** A file answer: the content types it may have (the body is the file's bytes). */
  files?: readonly string[];
  /** The error codes the body (JSON, or a refusal page's data) may name. */
  codes?: readonly ErrorCode[];
  headers?: Record<string, HeaderRule>;
}

/** A request body: its media type, largest size and schema. */
export interface RequestBody {
  contentType: 'application/json' | 'application/x-www-form-urlencoded' | 'application/csp-report' | 'application/zip';
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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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
  Forms: 'Custom forms: the merchant’s own design of the CVN frame, stored at the gateway, with the secret key.',
  Sandbox: 'Development helpers and the contract itself.',
} as const;
/** A tag of {@link TAGS}. */
export type Tag = keyof typeof TAGS;

export const NO_STORE: Record<string, HeaderRule> = {
  'Cache-Control': { description: 'Never cached.', schema: { const: 'no-store' }, required: true },
  'X-Content-Type-Options': { description: 'No sniffing.', schema: { const: 'nosniff' }, required: true },
};
export const CORS: Record<string, HeaderRule> = {
  'Access-Control-Allow-Origin': { description: 'Readable from any page.', schema: { const: '*' }, required: true },
};

/** A JSON answer of `body`. */
export const json = (
  description: string,
  body: Schema<unknown>,
  headers: Record<string, HeaderRule> = NO_STORE,
): Answer => ({
  description,
  contentType: 'application/json',
  body,
  headers,
});
/** An error answer naming one of `codes`. */
export const error = (description: string, ...codes: ErrorCode[]): Answer => ({
  description,
  contentType: 'application/json',
  body: ErrorBody,
  codes,
  headers: NO_STORE,
});
/** An HTML page; `codes` are those a refusal page names in its data. */
export const page = (description: string, codes: ErrorCode[] = [], csp = true): Answer => ({
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
export const seeOther = (description: string): Answer => ({
  description,
  headers: {
    Location: { description: 'The return URL.', schema: { type: 'string', format: 'uri' }, required: true },
    'Cache-Control': NO_STORE['Cache-Control'] as HeaderRule,
  },
});

export const badKey = error('The secret key is missing or wrong', C.INVALID_API_KEY);
export const badParam = error('A path parameter is not valid percent-encoding', C.API_VALIDATION_ERROR);
export const tooLarge = error('Body over the size limit', C.API_VALIDATION_ERROR);
export const notJson = error('Content-Type is not application/json', C.API_VALIDATION_ERROR);
export const notFound = (what: string) =>
  error(
    `No such ${what}, or it belongs to another secret key: the same answer, so a key cannot tell them apart`,
    C.DATA_NOT_FOUND,
  );
export const idParam: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const replayed: Record<string, HeaderRule> = {
  ...NO_STORE,
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer of an earlier call with the same key and client token.',
    schema: { const: 'true' },
    required: false,
  },
};
/** Any answer of `payment_with_session` may be a replay: same status, same body, this header. */
export const replayable = (answer: Answer): Answer => ({ ...answer, headers: replayed });

import { ErrorCode } from '@cards-session/protocol';
import { WEBHOOK_BODIES, WEBHOOK_TYPES } from './webhooks';
import { OPERATIONS, TAGS, type Answer, type Operation } from './operations';
import { COMPONENTS } from './schemas';

const LIMITS_NOTE = `Every call: a client slower than the gateway's header or request timeout gets a plain
\`408\` and the connection closes; sockets that send nothing, connections beyond the cap, and
keep-alive sockets past their request count are closed (see the sandbox README). A path not listed
here answers \`404 DATA_NOT_FOUND\`, another method on a listed path \`405 API_VALIDATION_ERROR\`, and
a request target that is no path \`400 API_VALIDATION_ERROR\`; HEAD is answered wherever GET is.`;

const SECURITY = { secretKey: [{ secretKey: [] }], clientToken: [{ clientToken: [] }], public: [] };

function answer(a: Answer): object {
  const headers = a.headers
    ? Object.fromEntries(
        Object.entries(a.headers).map(([name, h]) => [
          name,
          { description: h.description, required: h.required, schema: h.schema },
        ]),
      )
    : undefined;
  const schema =
    a.contentType === 'application/json' && a.body
      ? a.codes
        ? { allOf: [a.body.json, { properties: { error_code: { enum: a.codes } } }] }
        : a.body.json
      : { type: 'string' };
  return {
    description: a.description,
    ...(headers ? { headers } : {}),
    ...(a.contentType ? { content: { [a.contentType]: { schema } } } : {}),
    ...(a.files
      ? { content: Object.fromEntries(a.files.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) }
      : {}),
    ...(a.contentType === 'text/html' && a.codes?.length ? { 'x-error-codes': a.codes } : {}),
  };
}

function describeOperation(op: Operation, operationId: string, alias: boolean): object {
  return {
    operationId,
    tags: [op.tag],
    summary: alias ? `${op.summary} (Xendit's path)` : op.summary,
    ...(op.description || alias
      ? {
          description: [
            alias ? `The same operation as \`${op.method} ${op.path}\`, at Xendit's path.` : '',
            op.description ?? '',
          ]
            .filter(Boolean)
            .join('\n\n'),
        }
      : {}),
    security: SECURITY[op.auth],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              [op.body.contentType]: { schema: op.body.schema.json },
              ...Object.fromEntries(
                Object.entries(op.body.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
              ),
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(Object.entries(op.responses).map(([status, a]) => [status, answer(a)])),
      500: { $ref: '#/components/responses/InternalError' },
    },
  };
}

/** The HTTP contract as OpenAPI 3.1, served at `/openapi.json`: made of the operations and schemas, nothing else. */
export function openApiDocument(serverOrigin: string, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  const add = (path: string, op: Operation, id: string, alias: boolean) => {
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: describeOperation(op, id, alias) };
  };
  for (const op of OPERATIONS) add(op.path, op, op.operationId, false);
  for (const op of OPERATIONS as readonly Operation[]) {
    if (op.xenditPath) add(op.xenditPath, op, `${op.operationId}AtXenditPath`, true);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cards Session sandbox gateway',
      version,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description: `Sessions, hosted CVN frame, payment with session, 3-D Secure simulator, webhooks. A
\`payment_session_id\` is a capability: whoever holds it can open the frame and submit, within the
per-session caps. Server calls see only the sessions of their own secret key. ${LIMITS_NOTE}`,
    },
    servers: [{ url: serverOrigin }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'basic', description: 'The secret key as user name, empty password.' },
        callbackToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-callback-token',
          description: 'Webhooks: the callback token the gateway sends, besides the Standard Webhooks signature.',
        },
        clientToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWS',
          description: 'Single-use client token held by the frame.',
        },
      },
      responses: {
        InternalError: {
          description: 'The sandbox hit an unexpected error (a bug: please report it)',
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/Error' },
                  { properties: { error_code: { enum: [ErrorCode.INTERNAL_ERROR] } } },
                ],
              },
            },
          },
        },
      },
      schemas: {
        ...Object.fromEntries(COMPONENTS.map((s) => [s.name, s.definition.json])),
      },
    },
    paths,
    webhooks: Object.fromEntries(
      WEBHOOK_TYPES.map((type) => [
        type,
        {
          post: {
            operationId: `webhook_${type.replace('.', '_')}`,
            summary: `${type}: headers x-callback-token, webhook-id, webhook-timestamp, webhook-signature`,
            description: 'Anything but a 2xx is retried with backoff; a redirect is never followed.',
            security: [{ callbackToken: [] }],
            requestBody: { required: true, content: { 'application/json': { schema: WEBHOOK_BODIES[type].json } } },
            responses: { 200: { description: 'Acknowledged; anything else is retried' } },
          },
        },
      ]),
    ),
  };
}

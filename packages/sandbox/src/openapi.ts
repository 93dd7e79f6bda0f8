import { WEBHOOK_SCHEMAS, WEBHOOK_TYPES } from './webhook-events';
import { SCHEMAS } from './openapi-parts';
import { PATHS } from './openapi-paths';

const LIMITS_NOTE = `Every call: a client slower than the gateway's header or request timeout gets a plain
\`408\` and the connection closes; sockets that send nothing, connections beyond the cap, and
keep-alive sockets past their request count are closed (see the sandbox README).`;

/** The HTTP contract of DESIGN.md as OpenAPI 3.1, served at `/openapi.json`. */
export function openApiDocument(serverOrigin: string, version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cards Session sandbox gateway',
      version,
      description: `Sessions, hosted CVN frame, payment with session, 3-D Secure simulator, webhooks. A
\`payment_session_id\` is a capability: whoever holds it can open the frame and submit, within the
per-session caps. Server calls see only the sessions of their own secret key. ${LIMITS_NOTE}`,
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
      schemas: SCHEMAS,
    },
    paths: PATHS,
    webhooks: Object.fromEntries(
      WEBHOOK_TYPES.map((type) => [
        type,
        {
          post: {
            summary: `${type}: headers x-callback-token, webhook-id, webhook-timestamp, webhook-signature`,
            description: 'Anything but a 2xx is retried with backoff; a redirect is never followed.',
            requestBody: { required: true, content: { 'application/json': { schema: WEBHOOK_SCHEMAS[type] } } },
            responses: { 200: { description: 'Acknowledged; anything else is retried' } },
          },
        },
      ]),
    ),
  };
}

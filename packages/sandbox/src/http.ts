import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@cards-session/protocol';
import {
  operation,
  problemsOf,
  type Auth,
  type Operation,
  type OperationId,
  type OPERATIONS,
  type Schema,
} from './contract';
import { ApiError, validationError } from './errors';
import { BASE_HEADERS } from './security-headers';
import type { ClientClaims } from './tokens';

/** What every handler gets: the request, the response to write, the URL and path parameters. */
interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

/** A handler; it writes the response itself or throws an {@link ApiError}. */
export type Handler = (ctx: Context) => Promise<void> | void;

/** Who made an authenticated call, by the operation's {@link Auth}. */
type Principal<A extends Auth> = A extends 'secretKey'
  ? { owner: string }
  : A extends 'clientToken'
    ? { claims: ClientClaims & { expired: boolean } }
    : object;

type Op<I extends OperationId> = Extract<(typeof OPERATIONS)[number], { operationId: I }>;
type BodyOf<O> = O extends { body: { schema: Schema<infer T> } } ? T : never;

/** What a route of the contract gets: the call, who made it, and its body read and checked on demand. */
export type RouteContext<I extends OperationId> = Context &
  Principal<Op<I>['auth']> & {
    /** Reads the body (size, media type, syntax) and checks it against the operation's schema. */
    body: () => Promise<BodyOf<Op<I>>>;
  };

/** How the router authenticates each kind of call before its handler runs. */
export interface Authenticators {
  secretKey: (req: IncomingMessage) => string;
  clientToken: (req: IncomingMessage) => Promise<ClientClaims & { expired: boolean }>;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/**
 * A small method + path router. Routes of the contract are registered by operation id: the
 * operation's path (and Xendit's, when it has one), its authentication and its body come from the
 * contract, so a handler does HTTP only.
 */
export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly authenticate: Authenticators) {}

  /** Registers a raw handler for `METHOD /path/{param}` (no authentication, no body checks). */
  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    // `{path}` is a file path inside a custom form and spans segments; every other parameter is one.
    const source = path.replace(/\{([a-z_]+)\}/g, (_, key: string) => {
      keys.push(key);
      return key === 'path' ? '(.+)' : '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Registers the handler of a contract operation, at its path and Xendit's, authenticated as declared. */
  route<I extends OperationId>(id: I, handler: (ctx: RouteContext<I>) => Promise<void> | void): this {
    const op: Operation = operation(id);
    const wrapped: Handler = async (ctx) => {
      const principal =
        op.auth === 'secretKey'
          ? { owner: this.authenticate.secretKey(ctx.req) }
          : op.auth === 'clientToken'
            ? { claims: await this.authenticate.clientToken(ctx.req) }
            : {};
      const body = () => readBody(ctx.req, op);
      await handler({ ...ctx, ...principal, body } as RouteContext<I>);
    };
    this.add(op.method, op.path, wrapped);
    if (op.xenditPath) this.add(op.method, op.xenditPath, wrapped);
    return this;
  }

  /** The handler and path parameters for a request, or why there is none. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | 404 | 405 {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        try {
          params[key] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          throw new ApiError(
            400,
            ErrorCode.API_VALIDATION_ERROR,
            `Malformed percent-encoding in ${pathname.slice(0, 200)}`,
          );
        }
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 405 : 404;
  }
}

/** Reads a body as its operation declares it and checks it; throws one error listing every problem. */
async function readBody(req: IncomingMessage, op: Operation): Promise<never> {
  if (!op.body) throw new Error(`${op.operationId} takes no body`);
  const { contentType, limit, schema } = op.body;
  let value: unknown;
  if (contentType === 'application/json') value = await readJson(req, limit);
  else if (contentType === 'application/x-www-form-urlencoded') value = formFields(await readText(req, limit));
  else throw new Error(`${op.operationId} reads its ${contentType} body itself`);
  const problems = problemsOf(schema, value);
  if (problems.length) throw validationError(problems);
  return value as never;
}

/** A form's fields; a field given twice keeps its values as an array, which no form schema accepts. */
function formFields(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const before = fields[key];
    fields[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return fields;
}

/** Reads a JSON object body of at most `limit` bytes. */
async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(
      415,
      ErrorCode.API_VALIDATION_ERROR,
      `expected Content-Type application/json, received ${type || 'none'}`,
    );
  }
  const text = await readText(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'Request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Reads a body as text, refusing more than `limit` bytes. */
export async function readText(req: IncomingMessage, limit: number): Promise<string> {
  return (await readBytes(req, limit)).toString('utf8');
}

/** Reads a body's bytes, refusing more than `limit`. */
export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new ApiError(413, ErrorCode.API_VALIDATION_ERROR, `Request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Holds `res.end` until `durable` says every write committed so far is on disk: an answer never
 * reports a write that a crash could still undo, whichever route wrote or read it. If the disk
 * refuses the flush, the connection is cut instead of answered (the caller retries, with its
 * Idempotency-Key where it has one), and `withheld` hears why.
 */
export function endWhenDurable(
  res: ServerResponse,
  durable: () => Promise<void> | null,
  withheld: (err: Error) => void,
): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const pending = durable();
    if (!pending) return end(...args);
    pending.then(
      () => end(...args),
      (err: Error) => {
        withheld(err);
        res.destroy();
      },
    );
    return res;
  }) as ServerResponse['end'];
}

/** Answers with JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    ...BASE_HEADERS,
    ...headers,
  });
  res.end(text);
}

/** Answers with an HTML document and its security headers. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    ...BASE_HEADERS,
    ...headers,
  });
  res.end(html);
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

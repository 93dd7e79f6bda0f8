import type { contract } from '@cards-session/sandbox';
import { CardsSessionError, GATEWAY_ERROR_CODES, kindOf, type GatewayErrorCode } from './errors';
import { resultTokenVerifier, type ResultClaims, type ResultTokenExpectations } from './result-token';
import { verifyWebhook, type WebhookEvent, type WebhookSecrets } from './webhooks';

/** A `POST /v1/sessions` body, as the gateway's contract defines it. */
export type CreateSessionBody = contract.CreateSessionBody;
/** A payment session, as the gateway answers it. */
export type Session = contract.Session;

/** How to reach the gateway. */
export interface CardsSessionOptions {
  /** The gateway's origin, e.g. `https://gateway.example` or the sandbox's `http://localhost:4400`. */
  gateway: string;
  /** Your secret key. It authenticates every call and never leaves your server. */
  secretKey: string;
  /** The `fetch` to call the gateway with; the global one by default (tests, proxies). */
  fetch?: typeof fetch;
  /** How long one gateway call may take before it fails with `NETWORK_ERROR`; default 10 000 ms. */
  timeoutMs?: number;
}

/** A merchant server's client of the Cards Session gateway. */
export interface CardsSession {
  /** Creates a payment session for an order; hand its `payment_session_id` to the page. */
  createSession(body: CreateSessionBody): Promise<Session>;
  /** Reads a session of this secret key (`DATA_NOT_FOUND` for another key's). */
  getSession(id: string): Promise<Session>;
  /** Cancels an `ACTIVE` session: `SESSION_NOT_ACTIVE` once it ended, `SESSION_EXPIRED` once expired. */
  cancelSession(id: string): Promise<Session>;
  /**
   * Verifies the result token the page reports, against the gateway's published keys (fetched
   * once, refreshed for an unknown key id), and that it is about this order's session (and
   * reference). Resolves to its claims; rejects with `INVALID_RESULT_TOKEN`,
   * `RESULT_TOKEN_MISMATCH` or, when the keys cannot be fetched, `NETWORK_ERROR`.
   */
  verifyResultToken(token: string, expected: ResultTokenExpectations): Promise<ResultClaims>;
  /**
   * Verifies a webhook from its raw body (the exact bytes received) and headers, and returns the
   * event. Throws `INVALID_CALLBACK_TOKEN`, `INVALID_WEBHOOK_SIGNATURE`,
   * `WEBHOOK_TIMESTAMP_OUT_OF_RANGE` or `INVALID_WEBHOOK_BODY`.
   */
  verifyWebhook(
    rawBody: string | Uint8Array,
    headers: Headers | Record<string, string | string[] | undefined>,
    secrets: WebhookSecrets,
  ): WebhookEvent;
}

/** `value` as a gateway origin (`https://host[:port]`, no path), or an `INVALID_ARGUMENT` error. */
function originOf(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value) {
    throw new CardsSessionError(
      'INVALID_ARGUMENT',
      `expected gateway to be an origin such as "https://gateway.example", received ${
        typeof value === 'string' ? JSON.stringify(value) : kindOf(value)
      }`,
    );
  }
  return url.origin;
}

function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new CardsSessionError(
      'INVALID_ARGUMENT',
      `expected ${name} to be a non-empty string, received ${kindOf(value)}`,
    );
  }
  return value;
}

function isGatewayCode(code: unknown): code is GatewayErrorCode {
  return (GATEWAY_ERROR_CODES as readonly unknown[]).includes(code);
}

/**
 * A client of the gateway at `options.gateway`, authenticated with `options.secretKey`. Bad options
 * throw `INVALID_ARGUMENT` here, not on the first call.
 */
export function createCardsSession(options: CardsSessionOptions): CardsSession {
  if (typeof options !== 'object' || options === null) {
    throw new CardsSessionError('INVALID_ARGUMENT', `expected options to be an object, received ${kindOf(options)}`);
  }
  const gateway = originOf(options.gateway);
  const auth = `Basic ${Buffer.from(`${requireString('secretKey', options.secretKey)}:`).toString('base64')}`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new CardsSessionError('INVALID_ARGUMENT', `expected fetch to be a function, received ${kindOf(fetchImpl)}`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new CardsSessionError(
      'INVALID_ARGUMENT',
      `expected timeoutMs to be a positive integer, received ${timeoutMs}`,
    );
  }

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Session> => {
    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(`${gateway}${path}`, {
        method,
        headers: {
          Authorization: auth,
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (cause) {
      throw new CardsSessionError(
        'NETWORK_ERROR',
        `${method} ${path}: the gateway cannot be reached`,
        undefined,
        undefined,
        {
          cause,
        },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (!res.ok) {
      const code = answer.error_code;
      if (!isGatewayCode(code)) {
        throw new CardsSessionError(
          'GATEWAY_ERROR',
          `${method} ${path} answered ${res.status} without a known error_code`,
          res.status,
        );
      }
      const errors = Array.isArray(answer.errors) ? (answer.errors as { path: string; message: string }[]) : undefined;
      throw new CardsSessionError(code, String(answer.message ?? code), res.status, errors);
    }
    if (typeof answer.payment_session_id !== 'string') {
      throw new CardsSessionError(
        'GATEWAY_ERROR',
        `${method} ${path} answered ${res.status} without a session`,
        res.status,
      );
    }
    return answer as Session;
  };
  const sessionPath = (id: unknown) => `/v1/sessions/${encodeURIComponent(requireString('id', id))}`;

  const verifyResult = resultTokenVerifier(gateway, fetchImpl);
  return {
    createSession: async (body) => {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new CardsSessionError('INVALID_ARGUMENT', `expected body to be an object, received ${kindOf(body)}`);
      }
      return call('POST', '/v1/sessions', body);
    },
    getSession: async (id) => call('GET', sessionPath(id)),
    cancelSession: async (id) => call('POST', `${sessionPath(id)}/cancel`),
    verifyResultToken: verifyResult,
    verifyWebhook,
  };
}

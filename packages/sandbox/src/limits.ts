import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The gateway's limits: per-session caps, and how it protects its own sockets. */
export interface Limits {
  /** Refused CVNs (well-formed, wrong) before a session locks: `TOO_MANY_ATTEMPTS`. Default 5. */
  maxCvnAttempts: number;
  /** Payment requests per session; the submit beyond is `TOO_MANY_PAYMENT_REQUESTS`. Default 5. */
  maxPaymentRequests: number;
  /** Wrong 3-D Secure codes per payment request; the last fails it. Default 3. */
  maxWrongThreeDsCodes: number;
  /** Time to receive a request's headers, in ms; then Node answers 408 and closes. Default 10 000. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, in ms; then 408. At least `headersTimeoutMs`. Default 30 000. */
  requestTimeoutMs: number;
  /** Idle time of a keep-alive socket after an answer, in ms (Node adds 1 s of grace). Default 5 000. */
  keepAliveTimeoutMs: number;
  /** How long a socket that has sent no byte at all is kept, in ms. Default 5 000. */
  idleSocketTimeoutMs: number;
  /** Open connections at once; the ones beyond are closed as they are accepted. Default 256. */
  maxConnections: number;
  /** Requests one keep-alive socket may carry; the last answer says `Connection: close`. Default 1000. */
  maxRequestsPerSocket: number;
}

/** How one limit is named, bounded and described, for options, flags, environment and `--help`. */
interface LimitSpec {
  flag: string;
  env: string;
  default: number;
  min: number;
  max: number;
  help: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every limit with its CLI flag, environment variable, default and bounds: the one table the
 * options, the CLI, its `--help` and the README's table follow.
 */
export const LIMITS: { readonly [K in keyof Limits]: LimitSpec } = {
  maxCvnAttempts: {
    flag: 'max-cvn-attempts',
    env: 'CARDS_SESSION_MAX_CVN_ATTEMPTS',
    default: 5,
    min: 1,
    max: 1000,
    help: 'wrong CVNs before a session locks',
  },
  maxPaymentRequests: {
    flag: 'max-payment-requests',
    env: 'CARDS_SESSION_MAX_PAYMENT_REQUESTS',
    default: 5,
    min: 1,
    max: 1000,
    help: 'payment requests per session',
  },
  maxWrongThreeDsCodes: {
    flag: 'max-wrong-3ds-codes',
    env: 'CARDS_SESSION_MAX_WRONG_3DS_CODES',
    default: 3,
    min: 1,
    max: 1000,
    help: 'wrong 3-D Secure codes per payment request',
  },
  headersTimeoutMs: {
    flag: 'headers-timeout-ms',
    env: 'CARDS_SESSION_HEADERS_TIMEOUT_MS',
    default: 10_000,
    min: 10,
    max: DAY_MS,
    help: 'time to send request headers',
  },
  requestTimeoutMs: {
    flag: 'request-timeout-ms',
    env: 'CARDS_SESSION_REQUEST_TIMEOUT_MS',
    default: 30_000,
    min: 10,
    max: DAY_MS,
    help: 'time to send a whole request',
  },
  keepAliveTimeoutMs: {
    flag: 'keep-alive-timeout-ms',
    env: 'CARDS_SESSION_KEEP_ALIVE_TIMEOUT_MS',
    default: 5_000,
    min: 10,
    max: DAY_MS,
    help: 'idle time of a keep-alive socket',
  },
  idleSocketTimeoutMs: {
    flag: 'idle-socket-timeout-ms',
    env: 'CARDS_SESSION_IDLE_SOCKET_TIMEOUT_MS',
    default: 5_000,
    min: 10,
    max: DAY_MS,
    help: 'life of a socket that sends nothing',
  },
  maxConnections: {
    flag: 'max-connections',
    env: 'CARDS_SESSION_MAX_CONNECTIONS',
    default: 256,
    min: 1,
    max: 65_535,
    help: 'open connections at once',
  },
  maxRequestsPerSocket: {
    flag: 'max-requests-per-socket',
    env: 'CARDS_SESSION_MAX_REQUESTS_PER_SOCKET',
    default: 1000,
    min: 1,
    max: 1_000_000,
    help: 'requests per keep-alive socket',
  },
};

/** Names of the limits, in table order. */
export const LIMIT_NAMES = Object.keys(LIMITS) as (keyof Limits)[];

/**
 * Every limit, defaults filled in and each value checked. Throws a `TypeError` saying "expected
 * X, received Y", naming each value with `nameOf` (an option name, or a flag for the CLI).
 */
export function resolveLimits(
  given: Partial<Record<keyof Limits, unknown>>,
  nameOf: (name: keyof Limits) => string = (name) => name,
): Limits {
  const limits = {} as Limits;
  for (const name of LIMIT_NAMES) {
    const spec = LIMITS[name];
    const value = given[name] ?? spec.default;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
      const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
      throw new TypeError(`${nameOf(name)}: expected an integer from ${spec.min} to ${spec.max}, received ${shown}`);
    }
    limits[name] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new TypeError(
      `${nameOf('headersTimeoutMs')}: expected at most ${nameOf('requestTimeoutMs')} (${limits.requestTimeoutMs}), received ${limits.headersTimeoutMs}`,
    );
  }
  return limits;
}

/** What `createServer` takes of the limits. */
export function serverOptions(limits: Limits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks both timeouts on this interval (30 s by default): a tenth of the shorter one,
    // at most a second, so a slow client is cut close to its timeout.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 10))),
  };
}

/**
 * The limits a server applies per socket: the connection and per-socket request caps (the socket
 * is ended after its last allowed answer), and the idle timer. A socket that has sent no byte by `idleSocketTimeoutMs` is destroyed, without the
 * 408 Node would write at the header timeout: a browser's unused preconnection then simply
 * closes, and no stray answer can be read as the reply to its next request.
 */
export function guardSockets(server: Server, limits: Limits): void {
  server.maxConnections = limits.maxConnections;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  const served = new WeakMap<Socket, number>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    // Node answers the last allowed request with `Connection: close` but leaves the socket open
    // until the keep-alive timeout; a client that ignores the header would keep it. End it here.
    if (count >= limits.maxRequestsPerSocket) res.once('finish', () => req.socket.end());
  });
  server.on('connection', (socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, limits.idleSocketTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}

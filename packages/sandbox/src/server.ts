import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, isOrigin } from '@cards-session/protocol';
import { loadAssets } from './assets';
import { ApiError } from './errors';
import type { Gateway } from './gateway';
import { Router, sendJson } from './http';
import type { PaymentRequest } from './model';
import { assetRoutes } from './routes/assets';
import { cspReportRoutes } from './routes/csp-reports';
import { frameRoutes } from './routes/frame';
import { paymentRoutes } from './routes/payments';
import { sessionRoutes } from './routes/sessions';
import { threeDsRoutes } from './routes/three-ds';
import { guardSockets, resolveLimits, serverOptions, type Limits } from './limits';
import { Store } from './store';
import { Tokens } from './tokens';
import { expireIfDue } from './transitions';
import { WebhookDispatcher, type WebhookOptions } from './webhooks';
import { openApiRoutes } from './routes/openapi';

/** The development secret key a fresh sandbox accepts, unless `secretKeys` says otherwise. */
export const DEFAULT_SECRET_KEY = 'sk_sandbox_cards_session_demo';

/**
 * How to run a sandbox gateway. Every field has a default; the limits (per-session caps, socket
 * timeouts and counts) are those of {@link Limits}, checked at start.
 */
export interface SandboxOptions extends Partial<Limits> {
  /** Port to listen on; `0` picks a free one. Default 4400. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** The origin browsers reach the gateway at. Default `http://localhost:<port>`. */
  publicOrigin?: string;
  /** Folder for the SQLite database; `null` keeps everything in memory. Default `null`. */
  dataDir?: string | null;
  /** Secret keys merchants authenticate with. Default `[DEFAULT_SECRET_KEY]`. */
  secretKeys?: readonly string[];
  /** Where the built SDK and frame live. Default: `assets/` beside this module. */
  assetsDir?: string;
  /** Receives one line per request (method, path, status, time): never a body. Default: none. */
  log?: (line: string) => void;
  /** Webhook delivery. Without a `url`, events wait in the outbox. */
  webhooks?: Partial<WebhookOptions>;
  /** How often expired sessions are swept (and their webhooks enqueued), in ms. Default 1000. */
  expirySweepMs?: number;
}

/** The signing secret a fresh sandbox uses for webhooks, unless told otherwise. */
export const DEFAULT_WEBHOOK_SECRET = `whsec_${Buffer.from('cards-session-sandbox-webhook-secret').toString('base64')}`;
/** The `x-callback-token` a fresh sandbox sends, unless told otherwise. */
export const DEFAULT_CALLBACK_TOKEN = 'sandbox_callback_token';

/** A running sandbox. */
export interface Sandbox {
  /** The public origin, e.g. `http://localhost:4400`. */
  origin: string;
  port: number;
  server: Server;
  /** The outbox: every webhook event with its delivery state. */
  webhookLog(): ReturnType<Store['webhookLog']>;
  /** Every payment request of a session, oldest first. */
  paymentRequests(sessionId: string): PaymentRequest[];
  close(): Promise<void>;
}

/** Starts a sandbox gateway and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const limits = resolveLimits(options);
  const here = dirname(fileURLToPath(import.meta.url));
  const assets = loadAssets(options.assetsDir ?? join(here, 'assets'));
  const { dataDir = null } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const store = new Store(dataDir ? join(dataDir, 'sandbox.sqlite') : ':memory:');
  const router = new Router();
  const server = createServer(serverOptions(limits));
  guardSockets(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4400, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const origin = options.publicOrigin ?? `http://localhost:${port}`;
  if (!isOrigin(origin)) throw new TypeError(`publicOrigin: expected an origin, received ${origin}`);

  const log = options.log ?? (() => undefined);
  const dispatcher = new WebhookDispatcher(
    store,
    { url: null, secret: DEFAULT_WEBHOOK_SECRET, callbackToken: DEFAULT_CALLBACK_TOKEN, ...options.webhooks },
    log,
  );
  const gw: Gateway = {
    store,
    tokens: await Tokens.open(store, origin),
    assets,
    origin,
    secretKeys: options.secretKeys ?? [DEFAULT_SECRET_KEY],
    maxCvnAttempts: limits.maxCvnAttempts,
    maxPaymentRequests: limits.maxPaymentRequests,
    maxWrongThreeDsCodes: limits.maxWrongThreeDsCodes,
    now: Date.now,
    // After the enqueuing transaction has committed, never inside it.
    onWebhook: () => void setImmediate(() => void dispatcher.tick()),
  };
  sessionRoutes(router, gw);
  frameRoutes(router, gw);
  paymentRoutes(router, gw);
  threeDsRoutes(router, gw);
  assetRoutes(router, gw);
  cspReportRoutes(router, gw);
  openApiRoutes(router, gw);
  dispatcher.start();
  const sweep = setInterval(() => {
    for (const id of store.dueForExpiry(gw.now())) expireIfDue(gw, id);
  }, options.expirySweepMs ?? 1000);
  sweep.unref();

  server.on('request', (req, res) => {
    const started = performance.now();
    // Concatenated, not resolved against the origin: `//x` is a path here, and a target that is
    // no URL at all must become a 400, not an exception thrown out of this listener.
    let url: URL | null = null;
    try {
      if (req.url?.startsWith('/')) url = new URL(`${origin}${req.url}`);
    } catch {
      url = null;
    }
    res.on('finish', () =>
      log(
        `${req.method} ${url?.pathname ?? '(malformed)'} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`,
      ),
    );
    const run = async () => {
      if (!url) throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'Malformed request target');
      const found = router.match(req.method ?? 'GET', url.pathname);
      if (found === 404) throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No route ${url.pathname}`);
      if (found === 405)
        throw new ApiError(405, ErrorCode.API_VALIDATION_ERROR, `${req.method} is not allowed on ${url.pathname}`);
      await found.handler({ req, res, url, params: found.params });
    };
    run().catch((err: unknown) => {
      const apiError =
        err instanceof ApiError
          ? err
          : new ApiError(500, ErrorCode.INTERNAL_ERROR, 'The sandbox hit an unexpected error');
      if (!(err instanceof ApiError)) log(`internal error on ${req.method} ${url?.pathname}: ${(err as Error).name}`);
      if (res.headersSent) return res.destroy();
      sendJson(res, apiError.status, apiError.toBody());
    });
  });

  return {
    origin,
    port,
    server,
    webhookLog: () => store.webhookLog(),
    paymentRequests: (sessionId) => store.paymentRequestsOf(sessionId),
    close: async () => {
      clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await dispatcher.stop();
      store.close();
    },
  };
}

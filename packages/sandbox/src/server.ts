import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isOrigin } from '@cards-session/protocol';
import { createApp, type App } from './app';
import { loadAssets } from './assets';
import { guardSockets, resolveLimits, serverOptions, type Limits } from './limits';
import type { PaymentRequest } from './model';
import { Store } from './store';
import { WebhookDispatcher, type WebhookOptions } from './webhooks';

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
  /** The one clock of the sandbox, ms since the epoch: sessions, tokens, webhooks, the store. Default `Date.now`. */
  now?: () => number;
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

/**
 * Starts a sandbox gateway and resolves once it listens. The app is built first, as a value
 * ({@link createApp}), then mounted on the server. With `port: 0` and no `publicOrigin` the origin
 * names the port, so the port is bound first; no client can know it before this resolves.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const limits = resolveLimits(options);
  const now = options.now ?? Date.now;
  const here = dirname(fileURLToPath(import.meta.url));
  const assets = loadAssets(options.assetsDir ?? join(here, 'assets'));
  const { dataDir = null, port: askedPort = 4400, host = '127.0.0.1' } = options;
  if (options.publicOrigin !== undefined && !isOrigin(options.publicOrigin))
    throw new TypeError(`publicOrigin: expected an origin, received ${options.publicOrigin}`);
  const server = createServer(serverOptions(limits));
  guardSockets(server, limits);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  // Only when the origin depends on a port the system picks.
  const bound = askedPort === 0 && options.publicOrigin === undefined ? await listen(0) : null;
  const origin = options.publicOrigin ?? `http://localhost:${bound ?? askedPort}`;

  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const store = new Store(dataDir ? join(dataDir, 'sandbox.sqlite') : ':memory:', now);
  const log = options.log ?? (() => undefined);
  const dispatcher = new WebhookDispatcher(
    store,
    { url: null, secret: DEFAULT_WEBHOOK_SECRET, callbackToken: DEFAULT_CALLBACK_TOKEN, ...options.webhooks },
    log,
    now,
  );
  let app: App;
  try {
    app = await createApp({
      store,
      assets,
      origin,
      secretKeys: options.secretKeys ?? [DEFAULT_SECRET_KEY],
      maxCvnAttempts: limits.maxCvnAttempts,
      maxPaymentRequests: limits.maxPaymentRequests,
      maxWrongThreeDsCodes: limits.maxWrongThreeDsCodes,
      now,
      // After the enqueuing transaction has committed, never inside it.
      onWebhook: () => void setImmediate(() => void dispatcher.tick()),
      log,
    });
  } catch (err) {
    store.close();
    server.close();
    throw err;
  }
  server.on('request', app.handle);
  let port: number;
  try {
    port = bound ?? (await listen(askedPort));
  } catch (err) {
    store.close();
    throw err;
  }
  dispatcher.start();
  const sweep = setInterval(app.sweepExpired, options.expirySweepMs ?? 1000);
  sweep.unref();

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

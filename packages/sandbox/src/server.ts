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
import { assetRoutes } from './routes/assets';
import { frameRoutes } from './routes/frame';
import { paymentRoutes } from './routes/payments';
import { sessionRoutes } from './routes/sessions';
import { threeDsRoutes } from './routes/three-ds';
import { Store } from './store';
import { Tokens } from './tokens';

/** The development secret key a fresh sandbox accepts, unless `secretKeys` says otherwise. */
export const DEFAULT_SECRET_KEY = 'sk_sandbox_cards_session_demo';

/** How to run a sandbox gateway. Every field has a default. */
export interface SandboxOptions {
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
  /** Refused CVNs before a session locks. Default 5. */
  maxCvnAttempts?: number;
  /** Receives one line per request (method, path, status, time): never a body. Default: none. */
  log?: (line: string) => void;
}

/** A running sandbox. */
export interface Sandbox {
  /** The public origin, e.g. `http://localhost:4400`. */
  origin: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts a sandbox gateway and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const here = dirname(fileURLToPath(import.meta.url));
  const assets = loadAssets(options.assetsDir ?? join(here, 'assets'));
  const { dataDir = null } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const store = new Store(dataDir ? join(dataDir, 'sandbox.sqlite') : ':memory:');
  const router = new Router();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4400, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const origin = options.publicOrigin ?? `http://localhost:${port}`;
  if (!isOrigin(origin)) throw new TypeError(`publicOrigin: expected an origin, received ${origin}`);

  const gw: Gateway = {
    store,
    tokens: await Tokens.open(store, origin),
    assets,
    origin,
    secretKeys: options.secretKeys ?? [DEFAULT_SECRET_KEY],
    maxCvnAttempts: options.maxCvnAttempts ?? 5,
    now: Date.now,
  };
  sessionRoutes(router, gw);
  frameRoutes(router, gw);
  paymentRoutes(router, gw);
  threeDsRoutes(router, gw);
  assetRoutes(router, gw);

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
    res.on('finish', () => options.log?.(`${req.method} ${url?.pathname ?? '(malformed)'} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`));
    const run = async () => {
      if (!url) throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'Malformed request target');
      const found = router.match(req.method ?? 'GET', url.pathname);
      if (found === 404) throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No route ${url.pathname}`);
      if (found === 405) throw new ApiError(405, ErrorCode.API_VALIDATION_ERROR, `${req.method} is not allowed on ${url.pathname}`);
      await found.handler({ req, res, url, params: found.params });
    };
    run().catch((err: unknown) => {
      const apiError =
        err instanceof ApiError ? err : new ApiError(500, ErrorCode.INTERNAL_ERROR, 'The sandbox hit an unexpected error');
      if (!(err instanceof ApiError)) options.log?.(`internal error on ${req.method} ${url?.pathname}: ${(err as Error).name}`);
      if (res.headersSent) return res.destroy();
      sendJson(res, apiError.status, apiError.toBody());
    });
  });

  return {
    origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@cards-session/protocol';
import { requireClientToken, requireSecretKey } from './auth';
import type { Gateway } from './context';
import { ApiError } from './errors';
import { Router, endWhenDurable, sendJson } from './http';
import { assetRoutes } from './routes/assets';
import { cspReportRoutes } from './routes/csp-reports';
import { formRoutes } from './routes/forms';
import { frameRoutes } from './routes/frame';
import { openApiRoutes } from './routes/openapi';
import { paymentRoutes } from './routes/payments';
import { sessionRoutes } from './routes/sessions';
import { threeDsRoutes } from './routes/three-ds';
import { Tokens } from './tokens';
import { expireIfDue } from './transitions';

/**
 * What an app is made of: everything but the socket it will listen on. The gateway's fields
 * (the token keys are opened from the store) and where request lines go.
 */
export interface AppConfig extends Omit<Gateway, 'tokens'> {
  /** Receives one line per request (method, path, status, time): never a body. */
  log: (line: string) => void;
}

/** The sandbox as a value: a request handler with its gateway, ready before any socket listens. */
export interface App {
  gw: Gateway;
  /** Answers one request; mount it on any `node:http` server. */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** Expires the sessions past their time (and enqueues their webhooks). */
  sweepExpired: () => void;
}

/** Builds the gateway and its routes. */
export async function createApp(config: AppConfig): Promise<App> {
  const { log, ...fields } = config;
  const { store, origin } = fields;
  const gw: Gateway = { ...fields, tokens: await Tokens.open(store, origin, config.now) };
  const router = new Router({
    secretKey: (req) => requireSecretKey(gw, req),
    clientToken: (req) => requireClientToken(gw, req),
  });
  sessionRoutes(router, gw);
  formRoutes(router, gw);
  frameRoutes(router, gw);
  paymentRoutes(router, gw);
  threeDsRoutes(router, gw);
  assetRoutes(router, gw);
  cspReportRoutes(router);
  openApiRoutes(router, gw);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    // Concatenated, not resolved against the origin: `//x` is a path here, and a target that is
    // no URL at all must become a 400, not an exception thrown out of this listener.
    let url: URL | null = null;
    try {
      if (req.url?.startsWith('/')) url = new URL(`${origin}${req.url}`);
    } catch {
      url = null;
    }
    endWhenDurable(
      res,
      () => store.durable(),
      (err) => log(`answer withheld, the disk refused the write: ${(err as NodeJS.ErrnoException).code ?? err.name}`),
    );
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
      // A body left unread (refused over its cap) would be read as the next request: close instead.
      if (!req.complete) res.setHeader('Connection', 'close');
      sendJson(res, apiError.status, apiError.toBody());
    });
  };

  const sweepExpired = () => {
    for (const id of store.dueForExpiry(gw.now())) expireIfDue(gw, id);
  };
  return { gw, handle, sweepExpired };
}

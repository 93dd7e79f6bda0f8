import type { WebhookSecrets } from '@cards-session/node';

/** How the example shop is set up; every value comes from the environment. */
export interface ShopConfig {
  port: number;
  host: string;
  /** This shop's own origin: the one the gateway allows to frame the field. */
  origin: string;
  gatewayOrigin: string;
  secretKey: string;
  webhooks: WebhookSecrets;
  /** The SPA example's built files, served at `/app/`. */
  spaDir: string;
  /**
   * The loader's URL and SRI hash, pinned at deploy time from the release you tested. Unset, the
   * shop reads them from the gateway's manifest at start-up: fine for the sandbox, but then a
   * file changed on the gateway comes with a matching hash.
   */
  loader: { url: string; integrity: string } | null;
}

// The sandbox's published development secrets (packages/sandbox/README.md): anyone can sign
// with them, so they are only ever used against a gateway on this machine.
const SANDBOX_SECRETS = {
  CARDS_SESSION_SECRET_KEY: 'sk_sandbox_cards_session_demo',
  CARDS_SESSION_WEBHOOK_SECRET: 'whsec_Y2FyZHMtc2Vzc2lvbi1zYW5kYm94LXdlYmhvb2stc2VjcmV0',
  CARDS_SESSION_CALLBACK_TOKEN: 'sandbox_callback_token',
} as const;

function isLocal(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/**
 * Reads the shop's settings. Against a gateway on this machine the secrets default to the
 * sandbox's published ones; against any other gateway each must be set, or the shop refuses to
 * start (a published webhook secret would let anyone mark an order paid).
 */
export function readConfig(env: NodeJS.ProcessEnv, spaDir: string): ShopConfig {
  const port = Number(env.CHECKOUT_PORT ?? 4300);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`CHECKOUT_PORT: expected a port number, received ${env.CHECKOUT_PORT}`);
  }
  const host = env.CHECKOUT_HOST ?? '127.0.0.1';
  const gatewayOrigin = env.CARDS_SESSION_GATEWAY ?? 'http://localhost:4400';
  const local = isLocal(gatewayOrigin);
  const secret = (name: keyof typeof SANDBOX_SECRETS): string => {
    const value = env[name] ?? (local ? SANDBOX_SECRETS[name] : undefined);
    if (!value) throw new Error(`${name}: required for the gateway at ${gatewayOrigin}`);
    return value;
  };
  return {
    port,
    host,
    origin: env.CHECKOUT_ORIGIN ?? `http://${host}:${port}`,
    gatewayOrigin,
    secretKey: secret('CARDS_SESSION_SECRET_KEY'),
    webhooks: {
      secret: secret('CARDS_SESSION_WEBHOOK_SECRET'),
      callbackToken: secret('CARDS_SESSION_CALLBACK_TOKEN'),
    },
    spaDir: env.CHECKOUT_SPA_DIR ?? spaDir,
    loader: pinnedLoader(env),
  };
}

function pinnedLoader(env: NodeJS.ProcessEnv): ShopConfig['loader'] {
  const url = env.CARDS_SESSION_LOADER_URL;
  const integrity = env.CARDS_SESSION_LOADER_INTEGRITY;
  if (!url && !integrity) return null;
  if (!url || !integrity?.startsWith('sha384-')) {
    throw new Error('CARDS_SESSION_LOADER_URL and CARDS_SESSION_LOADER_INTEGRITY (sha384-…): set both or neither');
  }
  return { url, integrity };
}

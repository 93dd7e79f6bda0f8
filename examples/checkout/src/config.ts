import type { WebhookSecrets } from './webhooks';

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
}

/**
 * Reads the shop's settings. The defaults match a sandbox gateway started with no flags; point
 * them at the values of your gateway account in any other setting.
 */
export function readConfig(env: NodeJS.ProcessEnv, spaDir: string): ShopConfig {
  const port = Number(env.CHECKOUT_PORT ?? 4300);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`CHECKOUT_PORT: expected a port number, received ${env.CHECKOUT_PORT}`);
  }
  const host = env.CHECKOUT_HOST ?? '127.0.0.1';
  return {
    port,
    host,
    origin: env.CHECKOUT_ORIGIN ?? `http://${host}:${port}`,
    gatewayOrigin: env.CARDS_SESSION_GATEWAY ?? 'http://localhost:4400',
    secretKey: env.CARDS_SESSION_SECRET_KEY ?? 'sk_sandbox_cards_session_demo',
    webhooks: {
      // The sandbox's published development secret and token (packages/sandbox/README.md).
      secret: env.CARDS_SESSION_WEBHOOK_SECRET ?? 'whsec_Y2FyZHMtc2Vzc2lvbi1zYW5kYm94LXdlYmhvb2stc2VjcmV0',
      callbackToken: env.CARDS_SESSION_CALLBACK_TOKEN ?? 'sandbox_callback_token',
    },
    spaDir: env.CHECKOUT_SPA_DIR ?? spaDir,
  };
}

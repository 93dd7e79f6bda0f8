import { createServer } from 'node:net';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Where the e2e servers run; fixed by playwright.config.ts and inherited by the workers. */
export const servers = {
  get gateway(): string {
    return `http://localhost:${process.env.CS_E2E_GATEWAY_PORT}`;
  },
  get merchant(): string {
    return `http://127.0.0.1:${process.env.CS_E2E_MERCHANT_PORT}`;
  },
  secretKey: 'sk_sandbox_e2e',
  /** The `Authorization` header of the merchant's server-side calls: the secret key as user. */
  get basicAuth(): string {
    return `Basic ${Buffer.from(`${this.secretKey}:`).toString('base64')}`;
  },
};

/**
 * The merchant's server-side calls to the Cards Session gateway, authenticated with the secret
 * key. The secret key never leaves this server.
 */
export interface GatewayClient {
  createSession(body: Record<string, unknown>): Promise<Session>;
  getSession(id: string): Promise<Session>;
  /** Cancels an ACTIVE session; a session that already ended answers `409 SESSION_NOT_ACTIVE`. */
  cancelSession(id: string): Promise<Session>;
  loaderTag(): Promise<{ url: string; integrity: string }>;
  /** The sandbox's stored test cards (a sandbox-only call), fetched once. */
  testCards(): Promise<TestCard[]>;
}

/** A sandbox stored card and the outcome paying with it produces. */
export interface TestCard {
  card_payment_token_id: string;
  brand: string;
  last4: string;
  outcome: 'challenge' | 'frictionless' | 'decline' | 'cvn_mismatch';
  description: string;
}

/** The parts of a payment session this merchant reads. */
export interface Session {
  payment_session_id: string;
  status: 'ACTIVE' | 'COMPLETED' | 'EXPIRED' | 'CANCELED';
  currency: string;
  card: { brand: string; last4: string };
}

/** A gateway error answer, kept whole so the page can show its code. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A client for the gateway at `origin`, authenticated with the merchant's secret key. */
export function gatewayClient(origin: string, secretKey: string): GatewayClient {
  const auth = `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new GatewayError(res.status, String(json.error_code), String(json.message));
    return json as T;
  };
  let cards: Promise<TestCard[]> | undefined;
  let manifest: Promise<{ assets: Record<string, { url: string; integrity: string }> }> | undefined;
  return {
    createSession: (body) => call('POST', '/v1/sessions', body),
    getSession: (id) => call('GET', `/v1/sessions/${encodeURIComponent(id)}`),
    cancelSession: (id) => call('POST', `/v1/sessions/${encodeURIComponent(id)}/cancel`),
    testCards() {
      cards ??= call<{ data: TestCard[] }>('GET', '/v1/test_cards').then((r) => r.data);
      cards.catch(() => (cards = undefined));
      return cards;
    },
    async loaderTag() {
      manifest ??= fetch(`${origin}/assets/manifest.json`).then((r) => {
        if (!r.ok)
          throw new GatewayError(r.status, 'MANIFEST_UNAVAILABLE', `GET /assets/manifest.json answered ${r.status}`);
        return r.json() as never;
      });
      manifest.catch(() => (manifest = undefined));
      const loader = (await manifest).assets['cards-session.min.js'];
      if (!loader) throw new Error('the gateway publishes no cards-session.min.js');
      return loader;
    },
  };
}

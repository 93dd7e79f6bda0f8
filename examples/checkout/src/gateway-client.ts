import { CardsSessionError, type CardsSession } from '@cards-session/node';

/**
 * What the shop asks of the gateway: the session calls of `@cards-session/node`, plus two
 * sandbox conveniences the package does not cover (the stored test cards, the loader's SRI hash).
 * The secret key never leaves this server.
 */
export interface GatewayClient extends Pick<CardsSession, 'createSession' | 'getSession' | 'cancelSession'> {
  loaderTag(): Promise<{ url: string; integrity: string }>;
  /** The sandbox's stored test cards (a sandbox-only call), fetched once. */
  testCards(): Promise<TestCard[]>;
  /** The names of the custom forms the gateway holds for this shop, read on every call. */
  formNames(): Promise<string[]>;
}

/** A sandbox stored card and the outcome paying with it produces. */
export interface TestCard {
  card_payment_token_id: string;
  brand: string;
  last4: string;
  outcome: 'challenge' | 'frictionless' | 'decline' | 'cvn_mismatch';
  description: string;
}

/** A gateway read that is not the package's, failing as the package's calls do. */
async function read<T>(origin: string, path: string, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${origin}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
  } catch (cause) {
    throw new CardsSessionError('NETWORK_ERROR', `GET ${path}: the gateway cannot be reached`, undefined, undefined, {
      cause,
    });
  }
  if (!res.ok) throw new CardsSessionError('GATEWAY_ERROR', `GET ${path} answered ${res.status}`, res.status);
  return (await res.json()) as T;
}

/** The shop's gateway: `sessions` (the package's client) plus the sandbox reads at `origin`. */
export function gatewayClient(sessions: CardsSession, origin: string, secretKey: string): GatewayClient {
  const auth = { Authorization: `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}` };
  let cards: Promise<TestCard[]> | undefined;
  let manifest: Promise<{ assets: Record<string, { url: string; integrity: string }> }> | undefined;
  return {
    createSession: (body) => sessions.createSession(body),
    getSession: (id) => sessions.getSession(id),
    cancelSession: (id) => sessions.cancelSession(id),
    testCards() {
      cards ??= read<{ data: TestCard[] }>(origin, '/v1/test_cards', auth).then((r) => r.data);
      cards.catch(() => (cards = undefined));
      return cards;
    },
    async formNames() {
      const { data } = await read<{ data: { name: string }[] }>(origin, '/v1/forms', auth);
      return data.map((form) => form.name);
    },
    async loaderTag() {
      manifest ??= read(origin, '/assets/manifest.json');
      manifest.catch(() => (manifest = undefined));
      const loader = (await manifest).assets['cards-session.min.js'];
      if (!loader) throw new Error('the gateway publishes no cards-session.min.js');
      return loader;
    },
  };
}

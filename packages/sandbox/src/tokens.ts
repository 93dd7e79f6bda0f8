import { createPrivateKey, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type CryptoKey } from 'jose';
import type { Store } from './store';

const ALG = 'ES256';
const CLIENT_AUDIENCE = 'cards-session:frame';
const RESULT_AUDIENCE = 'cards-session:merchant';
/** A client token lives at most this long: each browser call hands out the next one. */
const CLIENT_TOKEN_TTL_S = 15 * 60;
/**
 * How long after its expiry a client token still unlocks the stored answer of the call it was
 * spent on (an idempotent replay), never a new call: as long as a session can live.
 */
const REPLAY_WINDOW_S = 24 * 60 * 60;

/** The operations a client token may authorise. */
export type Operation = 'payment_with_session';

/** What a client token says: which session, for which merchant origin, for which call. */
export interface ClientClaims {
  session: string;
  origin: string;
  op: Operation;
  jti: string;
}

/** What a result token says about a payment's outcome. */
export interface ResultClaims {
  payment_request_id: string;
  payment_session_id: string;
  reference_id: string;
  status: string;
  amount: number;
  currency: string;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * Signs and verifies the gateway's JWS tokens with one ES256 key kept in the store, so tokens
 * and the JWKS survive a restart.
 */
export class Tokens {
  private constructor(
    private readonly issuer: string,
    private readonly kid: string,
    private readonly privateKey: KeyObject,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK,
    private readonly now: () => number,
  ) {}

  /** Loads the signing key from `store`, creating it on first start. */
  static async open(store: Store, issuer: string, now: () => number = Date.now): Promise<Tokens> {
    let stored = store.getSigningKey();
    if (!stored) {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      stored = { kid: randomUUID(), privateJwk: JSON.stringify(await exportJWK(privateKey)) };
      store.putSigningKey(stored.kid, stored.privateJwk);
    }
    const jwk = JSON.parse(stored.privateJwk) as JWK;
    const { d: _, ...publicJwk } = jwk;
    const privateKey = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const publicKey = (await importJWK(publicJwk, ALG)) as CryptoKey;
    return new Tokens(
      issuer,
      stored.kid,
      privateKey,
      publicKey,
      {
        ...publicJwk,
        kid: stored.kid,
        alg: ALG,
        use: 'sig',
      },
      now,
    );
  }

  /** The public keys, as served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /**
   * A compact JWS over `payload`: ES256 by node:crypto on libuv's thread pool, off the event
   * loop, at a third of WebCrypto's cost per signature; any JOSE library verifies it.
   */
  private sign(typ: string, payload: object): Promise<string> {
    const header = base64url(JSON.stringify({ alg: ALG, kid: this.kid, typ }));
    const input = `${header}.${base64url(JSON.stringify(payload))}`;
    return new Promise((resolve, reject) =>
      sign('sha256', Buffer.from(input), { key: this.privateKey, dsaEncoding: 'ieee-p1363' }, (err, signature) =>
        err ? reject(err) : resolve(`${input}.${signature.toString('base64url')}`),
      ),
    );
  }

  /** A fresh client token for one browser call; it expires with the session at the latest. */
  issueClient(session: string, origin: string, op: Operation, sessionExpiresAt: number): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const exp = Math.min(iat + CLIENT_TOKEN_TTL_S, Math.floor(sessionExpiresAt / 1000));
    return this.sign('cs-client+jwt', {
      origin,
      op,
      iss: this.issuer,
      aud: CLIENT_AUDIENCE,
      sub: session,
      jti: randomUUID(),
      iat,
      exp,
    });
  }

  /**
   * The claims of a valid client token of ours, or `null`; it does not consume the token. An
   * expired token is `null`, unless `allowExpired` (to find the stored answer of the call it was
   * spent on, up to a day later): then `expired` says so, and it must not start a new call.
   */
  async verifyClient(
    token: string,
    { allowExpired = false }: { allowExpired?: boolean } = {},
  ): Promise<(ClientClaims & { expired: boolean }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        currentDate: new Date(this.now()),
        issuer: this.issuer,
        audience: CLIENT_AUDIENCE,
        algorithms: [ALG],
        typ: 'cs-client+jwt',
        ...(allowExpired ? { clockTolerance: REPLAY_WINDOW_S } : {}),
      });
      const { sub, origin, op, jti, exp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof origin !== 'string' ||
        op !== 'payment_with_session' ||
        typeof jti !== 'string' ||
        typeof exp !== 'number'
      ) {
        return null;
      }
      // The same comparison jose makes: expired once `exp` is not after the current second.
      const expired = exp <= Math.floor(this.now() / 1000);
      return { session: sub, origin, op, jti, expired };
    } catch {
      return null;
    }
  }

  /** A result token over a payment's outcome, for the merchant's server to verify. */
  issueResult(claims: ResultClaims): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return this.sign('cs-result+jwt', {
      ...claims,
      iss: this.issuer,
      aud: RESULT_AUDIENCE,
      sub: claims.payment_request_id,
      iat,
      exp: iat + 3600,
    });
  }

  /** The claims of a result token of ours, or `null`. */
  async verifyResult(token: string): Promise<(ResultClaims & { iat: number; exp: number }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        currentDate: new Date(this.now()),
        issuer: this.issuer,
        audience: RESULT_AUDIENCE,
        algorithms: [ALG],
        typ: 'cs-result+jwt',
      });
      return payload as unknown as ResultClaims & { iat: number; exp: number };
    } catch {
      return null;
    }
  }
}

import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCardsSession, type CardsSession } from './client';

// A gateway whose only answer is its JWKS: tokens are signed here, with the gateway's key or not.
const GATEWAY = 'https://gateway.example';
const CLAIMS = {
  payment_request_id: 'pr-1',
  payment_session_id: 'ps-1',
  reference_id: 'order-1',
  status: 'SUCCEEDED',
  amount: 150000,
  currency: 'IDR',
};
const ORDER = { paymentSessionId: 'ps-1', referenceId: 'order-1' };

interface Change {
  iss?: string;
  aud?: string;
  typ?: string | null;
  alg?: 'ES256' | 'HS256' | 'ES384';
  kid?: string;
  sub?: string;
  exp?: number | null;
  claims?: object;
  key?: 'gateway' | 'attacker';
}

let gatewayKey: CryptoKey;
let attackerKey: CryptoKey;
let jwksFetches = 0;
let cs: CardsSession;
let sign: (change?: Change) => Promise<string>;

beforeAll(async () => {
  const gateway = await generateKeyPair('ES256');
  gatewayKey = gateway.privateKey;
  attackerKey = (await generateKeyPair('ES256')).privateKey;
  const es384 = await generateKeyPair('ES384');
  const jwks = {
    keys: [
      { ...(await exportJWK(gateway.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(es384.publicKey)), kid: 'k384', alg: 'ES384', use: 'sig' },
    ],
  };
  cs = createCardsSession({
    gateway: GATEWAY,
    secretKey: 'sk',
    fetch: async (url) => {
      if (String(url) !== `${GATEWAY}/.well-known/jwks.json`) return new Response('no', { status: 404 });
      jwksFetches++;
      return Response.json(jwks);
    },
  });
  const hs = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!');
  sign = (change = {}) => {
    const alg = change.alg ?? 'ES256';
    const typ = change.typ === undefined ? 'cs-result+jwt' : change.typ;
    const jwt = new SignJWT({ ...(change.claims ?? CLAIMS) })
      .setProtectedHeader({ alg, kid: change.kid ?? (alg === 'ES384' ? 'k384' : 'k1'), ...(typ ? { typ } : {}) })
      .setIssuer(change.iss ?? GATEWAY)
      .setAudience(change.aud ?? 'cards-session:merchant')
      .setSubject(change.sub ?? 'pr-1')
      .setIssuedAt();
    if (change.exp !== null) jwt.setExpirationTime(change.exp ?? '1h');
    const key =
      alg === 'HS256' ? hs : alg === 'ES384' ? es384.privateKey : change.key === 'attacker' ? attackerKey : gatewayKey;
    return jwt.sign(key);
  };
});

describe('verifyResultToken', () => {
  it('returns the claims of a token the gateway signed for this order, fetching the keys once', async () => {
    const before = jwksFetches;
    await expect(cs.verifyResultToken(await sign(), ORDER)).resolves.toMatchObject(CLAIMS);
    await expect(cs.verifyResultToken(await sign(), { paymentSessionId: 'ps-1' })).resolves.toMatchObject(CLAIMS);
    expect(jwksFetches - before).toBeLessThanOrEqual(1);
  });

  it.each<[string, Change]>([
    ['another issuer', { iss: 'https://evil.example' }],
    ['the frame audience (a client token)', { aud: 'cards-session:frame' }],
    ['a client token type', { typ: 'cs-client+jwt' }],
    ['no type', { typ: null }],
    ['HS256 (the key confusion attack)', { alg: 'HS256' }],
    ['ES384, even under a published key', { alg: 'ES384' }],
    ['a signature by another key under the gateway kid', { key: 'attacker' }],
    ['an unknown key id', { key: 'attacker', kid: 'k-attacker' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 3600 }],
    ['no expiry', { exp: null }],
    ['missing payment claims', { claims: { status: 'SUCCEEDED' } }],
    ['an amount that is no number', { claims: { ...CLAIMS, amount: '150000' } }],
    ['a subject other than the payment request', { sub: 'pr-2' }],
  ])('refuses %s with INVALID_RESULT_TOKEN', async (_, change) => {
    await expect(cs.verifyResultToken(await sign(change), ORDER)).rejects.toMatchObject({
      name: 'CardsSessionError',
      code: 'INVALID_RESULT_TOKEN',
    });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, payment_session_id: 'ps-1', status: 'FAILED' })).toString(
      'base64url',
    );
    await expect(cs.verifyResultToken(`${header}.${forged}.${signature}`, ORDER)).rejects.toMatchObject({
      code: 'INVALID_RESULT_TOKEN',
    });
  });

  it.each([
    ['an unsigned token', 'eyJhbGciOiJub25lIn0.eyJzdGF0dXMiOiJTVUNDRUVERUQifQ.'],
    ['garbage', 'not a token'],
    ['an empty string', ''],
    ['a number', 42],
    ['an object', { token: 'x' }],
  ])('refuses %s with INVALID_RESULT_TOKEN', async (_, token) => {
    await expect(cs.verifyResultToken(token as string, ORDER)).rejects.toMatchObject({ code: 'INVALID_RESULT_TOKEN' });
  });

  it('refuses a genuine token about another session or reference with RESULT_TOKEN_MISMATCH', async () => {
    const token = await sign();
    await expect(cs.verifyResultToken(token, { paymentSessionId: 'ps-2' })).rejects.toMatchObject({
      code: 'RESULT_TOKEN_MISMATCH',
    });
    await expect(
      cs.verifyResultToken(token, { paymentSessionId: 'ps-1', referenceId: 'order-2' }),
    ).rejects.toMatchObject({ code: 'RESULT_TOKEN_MISMATCH' });
  });

  it.each([
    ['no order', undefined],
    ['an empty session id', { paymentSessionId: '' }],
    ['a numeric reference', { paymentSessionId: 'ps-1', referenceId: 1 }],
  ])('refuses %s to check against with INVALID_ARGUMENT', async (_, expected) => {
    await expect(cs.verifyResultToken(await sign(), expected as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it.each([
    ['answers 500', async () => new Response('down', { status: 500 })],
    ['answers no JSON', async () => new Response('<html>')],
    ['answers no key set', async () => Response.json({ nope: true })],
    ['cannot be reached', async () => Promise.reject(new TypeError('fetch failed'))],
  ])('says NETWORK_ERROR, not invalid, when the JWKS %s', async (_, fetch) => {
    const broken = createCardsSession({ gateway: GATEWAY, secretKey: 'sk', fetch: fetch as typeof globalThis.fetch });
    await expect(broken.verifyResultToken(await sign(), ORDER)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

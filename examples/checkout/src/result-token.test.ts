import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultTokenVerifier } from './result-token';

const GATEWAY = 'http://localhost:4400';
const CLAIMS = { payment_request_id: 'pr-1', payment_session_id: 'ps-1', reference_id: 'order-1', status: 'SUCCEEDED' };
let keys: JWTVerifyGetKey;
let sign: (change?: { iss?: string; aud?: string; typ?: string; alg?: string; claims?: object }) => Promise<string>;

beforeAll(async () => {
  const es = await generateKeyPair('ES256');
  const hs = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!');
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(es.publicKey)), kid: 'k1', alg: 'ES256' }] });
  sign = (change = {}) => {
    const alg = change.alg ?? 'ES256';
    return new SignJWT({ ...(change.claims ?? CLAIMS) })
      .setProtectedHeader({ alg, kid: 'k1', typ: change.typ ?? 'cs-result+jwt' })
      .setIssuer(change.iss ?? GATEWAY)
      .setAudience(change.aud ?? 'cards-session:merchant')
      .setExpirationTime('1h')
      .sign(alg === 'HS256' ? hs : es.privateKey);
  };
});

describe('resultTokenVerifier', () => {
  it('returns the payment claims of a token the gateway signed', async () => {
    await expect(resultTokenVerifier(GATEWAY, keys)(await sign())).resolves.toEqual(CLAIMS);
  });

  it.each([
    ['another issuer', { iss: 'http://localhost:9999' }],
    ['the frame audience (a client token)', { aud: 'cards-session:frame' }],
    ['a client token type', { typ: 'cs-client+jwt' }],
    ['another algorithm', { alg: 'HS256' }],
    ['missing payment claims', { claims: { status: 'SUCCEEDED' } }],
  ])('refuses %s with INVALID_RESULT_TOKEN', async (_, change) => {
    await expect(resultTokenVerifier(GATEWAY, keys)(await sign(change))).rejects.toMatchObject({
      code: 'INVALID_RESULT_TOKEN',
    });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, payment_session_id: 'ps-2' })).toString('base64url');
    await expect(resultTokenVerifier(GATEWAY, keys)(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      code: 'INVALID_RESULT_TOKEN',
    });
  });

  it('says GATEWAY_UNREACHABLE, not invalid, when the keys cannot be fetched', async () => {
    const down: JWTVerifyGetKey = () => Promise.reject(new TypeError('fetch failed'));
    await expect(resultTokenVerifier(GATEWAY, down)(await sign())).rejects.toMatchObject({
      code: 'GATEWAY_UNREACHABLE',
    });
  });
});

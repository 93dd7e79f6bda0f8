import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '@cards-session/protocol';
import type { Gateway } from './context';
import { ApiError } from './errors';
import type { ClientClaims } from './tokens';

/** Compares two secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who owns what a secret key creates: the SHA-256 of the key, hex. Stored instead of the key, so
 * the database names the owner without holding anything that authenticates as it.
 */
function ownerId(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}

/** The `business_id` sessions of an owner carry: the first 24 hex digits of its owner id, Xendit's length. */
export function businessId(owner: string | null | undefined): string {
  return owner ? owner.slice(0, 24) : 'sandbox';
}

/**
 * Checks HTTP Basic auth with a secret key as the user name; throws `INVALID_API_KEY`. Answers
 * the key's owner id.
 */
export function requireSecretKey(gw: Gateway, req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  const user = match?.[1] ? (Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] ?? '') : '';
  if (!user || !gw.secretKeys.some((key) => safeEqual(key, user))) {
    throw new ApiError(
      401,
      ErrorCode.INVALID_API_KEY,
      'API key is missing or invalid: use HTTP Basic auth with your secret key as the user name',
    );
  }
  return ownerId(user);
}

/**
 * Checks a browser call of the frame: its `Origin` is the gateway's (`ORIGIN_NOT_ALLOWED`) and it
 * carries a client token of ours (`INVALID_CLIENT_TOKEN`). An expired token passes here only to
 * find the stored answer of the call it was spent on; `expired` says so.
 */
export async function requireClientToken(
  gw: Gateway,
  req: IncomingMessage,
): Promise<ClientClaims & { expired: boolean }> {
  if (req.headers.origin !== gw.origin) {
    throw new ApiError(403, ErrorCode.ORIGIN_NOT_ALLOWED, 'Only the Cards Session frame may call this endpoint');
  }
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const claims = bearer ? await gw.tokens.verifyClient(bearer, { allowExpired: true }) : null;
  if (!claims) throw new ApiError(401, ErrorCode.INVALID_CLIENT_TOKEN, 'Client token is missing, malformed or expired');
  return claims;
}

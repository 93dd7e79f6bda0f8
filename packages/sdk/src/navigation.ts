import { ErrorCode } from '@cards-session/protocol';
import { CardsSessionError } from './errors';

/**
 * The URL the SDK may send the shopper to for 3-D Secure: absolute `https:`, or the gateway's
 * own origin (plain `http:` is only ever the local sandbox). Anything else throws
 * `UNSAFE_ACTION_URL` — `javascript:`, `data:`, relative and look-alike URLs included.
 */
export function checkActionUrl(actionUrl: unknown, gatewayOrigin: string): URL {
  let url: URL | null = null;
  if (typeof actionUrl === 'string' && /^https?:\/\//i.test(actionUrl)) {
    try {
      url = new URL(actionUrl);
    } catch {
      url = null;
    }
  }
  if (!url || !(url.protocol === 'https:' || url.origin === gatewayOrigin) || url.username || url.password) {
    throw new CardsSessionError(
      ErrorCode.UNSAFE_ACTION_URL,
      'action_url must be an absolute https: URL from the gateway',
    );
  }
  return url;
}

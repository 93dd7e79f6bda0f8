import type { Assets } from './assets';
import type { Store } from './store';
import type { Tokens } from './tokens';

// The context every domain module and route works with: types only.

/** The one clock of a sandbox: milliseconds since the epoch, `Date.now` unless a test injects another. */
type Clock = () => number;

/** What every domain module and route works with. */
export interface Gateway {
  store: Store;
  tokens: Tokens;
  assets: Assets;
  /** The gateway's public origin: token issuer, `action_url` base, frame origin. */
  origin: string;
  secretKeys: readonly string[];
  /** Refused CVNs before a session locks. */
  maxCvnAttempts: number;
  /** Payment requests a session may have; the next CVN submit that would create one is refused. */
  maxPaymentRequests: number;
  /** Wrong 3-D Secure codes per payment request; the last one allowed fails the request. */
  maxWrongThreeDsCodes: number;
  now: Clock;
  /** Called after webhook events are enqueued, to deliver them without waiting for the next poll. */
  onWebhook: () => void;
}

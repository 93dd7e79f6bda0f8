import { ErrorCode, type PaymentResult } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { CvnField } from './field';
import { Emitter, type Unsubscribe } from './events';
import type { TooltipLoader } from './field-view';
import { checkActionUrl } from './navigation';
import type { AuthenticationResult, showChallenge } from './three-ds';
import {
  invalid,
  resolveFieldOptions,
  resolveInit,
  type FieldOptions,
  type InitOptions,
  type ResolvedInit,
} from './options';

/** The field types Cards Session hosts. */
export type FieldType = 'cvn';

/** Options of {@link CardsSession.authenticate}. */
export interface AuthenticateOptions {
  /**
   * `redirect` (default): the page navigates to the 3-D Secure page, which returns to your
   * success or failure URL. `modal`: the challenge shows in an overlay on your page and
   * `authenticate` resolves with its outcome; a challenge page that cannot be framed falls back
   * to a redirect, announced by the session's `redirect` event.
   */
  mode?: 'redirect' | 'modal';
}

/** Events of a {@link CardsSession}. */
export interface SessionEvents {
  /** The SDK is about to navigate the page to 3-D Secure: `reason` says why if you asked for a modal. */
  redirect: { url: string; reason: 'requested' | 'modal-unavailable' };
}

/** Loads the 3-D Secure modal code on first use: a chunk in the npm build, a script for the script tag. */
type ThreeDsLoader = () => Promise<{ showChallenge: typeof showChallenge }>;

/** The code a session loads on first use, not before `ready`. */
export interface LazyParts {
  tooltips: TooltipLoader;
  threeDs: ThreeDsLoader;
}

/** How long `submit()` waits for the frame and gateway, in milliseconds. */
const SUBMIT_TIMEOUT = 60_000;

/** The origin the npm build talks to unless told otherwise: the local sandbox gateway. */
export const DEFAULT_GATEWAY_ORIGIN = 'http://localhost:4400';

/** One payment session on this page: creates its fields, submits, runs 3-D Secure. */
export class CardsSession {
  private readonly fields = new Set<CvnField>();
  private readonly events = new Emitter<SessionEvents>();
  private pending: Promise<PaymentResult> | null = null;

  /** @internal Use {@link init}. */
  constructor(
    private readonly config: ResolvedInit,
    private readonly lazy: LazyParts,
  ) {}

  /** Subscribes to a session event; returns the unsubscribe. */
  on<K extends keyof SessionEvents>(name: K, handler: (payload: SessionEvents[K]) => void): Unsubscribe {
    return this.events.on(name, handler);
  }

  /** Creates a field; mount it with `field.mount(target)`. */
  createField(type: FieldType, options?: FieldOptions): CvnField {
    if (type !== 'cvn') invalid('createField(type)', '"cvn"', type);
    const field = new CvnField(this.config, resolveFieldOptions(options), this.lazy.tooltips);
    // A view framework may create and destroy fields many times over one session: keep the live ones.
    for (const old of this.fields) if (old.isDestroyed) this.fields.delete(old);
    this.fields.add(field);
    return field;
  }

  /**
   * Sends the security code from the frame to the gateway. Resolves with the gateway's answer;
   * rejects with a {@link CardsSessionError} (`INCOMPLETE_CVN`, `INVALID_CVN`,
   * `SESSION_EXPIRED`, `NETWORK_ERROR`, …). A second call while one is running joins it.
   */
  submit(): Promise<PaymentResult> {
    this.pending ??= this.run().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /**
   * Takes the shopper through 3-D Secure for `result`, after checking its `action_url`. In
   * `modal` mode resolves with the outcome — confirm it on your server before you ship the
   * order. In `redirect` mode the page navigates away and the promise never settles.
   *
   * The modal's code loads on the first modal challenge; when it cannot be loaded (offline, or a
   * file that fails its integrity check) this rejects with `NETWORK_ERROR` and a later call
   * tries again.
   */
  async authenticate(result: PaymentResult, options: AuthenticateOptions = {}): Promise<AuthenticationResult> {
    if (typeof result !== 'object' || result === null)
      invalid('authenticate(result)', 'the result of submit()', result);
    if (typeof options !== 'object' || options === null) invalid('authenticate(result, options)', 'an object', options);
    const { mode = 'redirect' } = options;
    if (mode !== 'redirect' && mode !== 'modal') invalid('authenticate options.mode', '"redirect" or "modal"', mode);
    const url = checkActionUrl(result.action_url, this.config.gatewayOrigin);
    if (mode === 'modal') {
      const locale = this.config.locale ?? 'en';
      const { showChallenge } = await this.lazy.threeDs();
      const outcome = await showChallenge(url, this.config.gatewayOrigin, locale, result.payment_request_id);
      if (outcome) return outcome;
    }
    this.events.emit('redirect', { url: url.href, reason: mode === 'modal' ? 'modal-unavailable' : 'requested' });
    window.location.assign(url.href);
    return new Promise<never>(() => undefined);
  }

  private async run(): Promise<PaymentResult> {
    const field = [...this.fields].find((f) => f.isReady);
    if (!field)
      throw new CardsSessionError(
        ErrorCode.FIELD_NOT_READY,
        'submit: mount a field and wait for its ready event first',
      );
    const reply = await field.requestSubmit(SUBMIT_TIMEOUT);
    if (!reply.ok) throw new CardsSessionError(reply.error.code, reply.error.message);
    checkActionUrl(reply.result.action_url, this.config.gatewayOrigin);
    return reply.result;
  }
}

/**
 * Starts Cards Session for one payment session. Throws `INVALID_OPTIONS` with "expected X,
 * received Y" on bad options.
 *
 * @example
 * const cs = init({ paymentSessionId });
 * await cs.createField('cvn').mount('#cvn');
 */
export function init(options: InitOptions): CardsSession {
  return new CardsSession(resolveInit(options, DEFAULT_GATEWAY_ORIGIN), NPM_PARTS);
}

/** A chunk the app's bundler serves; its failure is a coded error, and the next call retries. */
const chunk =
  <T>(load: () => Promise<T>, what: string) =>
  (): Promise<T> =>
    load().catch((cause: unknown) => {
      throw new CardsSessionError(ErrorCode.NETWORK_ERROR, `${what} could not be loaded`, { cause });
    });

const NPM_PARTS: LazyParts = {
  tooltips: chunk(() => import('./tooltip'), 'the tooltip code'),
  threeDs: chunk(() => import('./three-ds'), 'the 3-D Secure code'),
};

/** @internal `init` for the script tag: its own origin as the gateway, its own file loaders. */
export function initWithGateway(options: InitOptions, gatewayOrigin: string, lazy: LazyParts): CardsSession {
  return new CardsSession(resolveInit(options, gatewayOrigin), lazy);
}

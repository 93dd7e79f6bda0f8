import { ErrorCode, type PaymentResult } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { CvnField } from './field';
import { checkActionUrl } from './navigation';
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
  /** `redirect`: the top page navigates to the 3-D Secure page, which returns to your URLs. */
  mode?: 'redirect';
}

/** How long `submit()` waits for the frame and gateway, in milliseconds. */
const SUBMIT_TIMEOUT = 60_000;

/** The origin the npm build talks to unless told otherwise: the local sandbox gateway. */
export const DEFAULT_GATEWAY_ORIGIN = 'http://localhost:4400';

/** One payment session on this page: creates its fields, submits, runs 3-D Secure. */
export class CardsSession {
  private readonly fields = new Set<CvnField>();
  private pending: Promise<PaymentResult> | null = null;

  /** @internal Use {@link init}. */
  constructor(private readonly config: ResolvedInit) {}

  /** Creates a field; mount it with `field.mount(target)`. */
  createField(type: FieldType, options?: FieldOptions): CvnField {
    if (type !== 'cvn') invalid('createField(type)', '"cvn"', type);
    const field = new CvnField(this.config, resolveFieldOptions(options));
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

  /** Takes the shopper through 3-D Secure for `result`, after checking its `action_url`. */
  async authenticate(result: PaymentResult, options: AuthenticateOptions = {}): Promise<void> {
    if (typeof result !== 'object' || result === null)
      invalid('authenticate(result)', 'the result of submit()', result);
    const { mode = 'redirect' } = options;
    if (mode !== 'redirect') invalid('authenticate options.mode', '"redirect"', mode);
    const url = checkActionUrl(result.action_url, this.config.gatewayOrigin);
    window.location.assign(url.href);
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
  return new CardsSession(resolveInit(options, DEFAULT_GATEWAY_ORIGIN));
}

/** @internal `init` with another default gateway: the script tag's own origin. */
export function initWithGateway(options: InitOptions, gatewayOrigin: string): CardsSession {
  return new CardsSession(resolveInit(options, gatewayOrigin));
}

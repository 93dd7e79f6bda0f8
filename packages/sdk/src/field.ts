import { ErrorCode, MessageName, type FieldState, type SubmitReply } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { Emitter, type FieldEvents, type Unsubscribe } from './events';
import { FieldView, type TooltipLoader } from './field-view';
import { createChannel, frameOptionsOf, frameUrl, resolveTarget } from './frame-element';
import { FrameMount } from './mount';
import { resolveFieldOptions, type FieldOptions, type FieldUpdate, type ResolvedInit } from './options';

/** Where a field is in its life: everything that exists only while mounted hangs off the mount. */
type Life =
  | { phase: 'idle' }
  | { phase: 'mounting' | 'ready'; mount: FrameMount; state: FieldState | null }
  | { phase: 'destroyed' };

const same = (a: FieldState | null, b: FieldState) =>
  a !== null &&
  a.empty === b.empty &&
  a.complete === b.complete &&
  a.valid === b.valid &&
  a.error?.code === b.error?.code;

/**
 * A hosted CVN field. The shopper types into a frame served by the gateway; this object only
 * learns the field's coarse state.
 */
export class CvnField {
  private readonly events = new Emitter<FieldEvents>();
  private life: Life = { phase: 'idle' };
  private options: FieldOptions;

  /** @internal Created by {@link CardsSession.createField}. */
  constructor(
    private readonly init: ResolvedInit,
    options: FieldOptions,
    private readonly loadTooltips: TooltipLoader,
  ) {
    this.options = options;
  }

  /** Subscribes to a field event; returns the unsubscribe. */
  on<K extends keyof FieldEvents>(name: K, handler: (payload: FieldEvents[K]) => void): Unsubscribe {
    return this.events.on(name, handler);
  }

  /** The last state the frame reported, or `null` before `ready`. */
  get state(): FieldState | null {
    return 'state' in this.life ? this.life.state : null;
  }

  /**
   * Puts the frame into `target` (a selector or element) and resolves once the frame is ready.
   * Rejects with a {@link CardsSessionError}, also emitted as `error`, when the frame does not
   * come: the gateway's refusal (`ORIGIN_NOT_ALLOWED`, `SESSION_EXPIRED`, …), `FRAME_BLOCKED`
   * (the page's CSP), `FRAME_UNREACHABLE` (offline, gateway down), `FRAME_NOT_RESPONDING` (its
   * script never started) or `FRAME_LOAD_TIMEOUT`; with `FIELD_STATE` if unmounted first.
   *
   * The field survives the browser replacing its frame (a framework moving the container, a
   * reload): it re-binds to the new frame, reports the reset state with `change` and goes on.
   */
  async mount(target: string | HTMLElement): Promise<void> {
    if (this.life.phase !== 'idle') {
      const why = this.life.phase === 'destroyed' ? 'destroyed' : 'already mounted';
      throw new CardsSessionError(ErrorCode.FIELD_STATE, `mount: the field is ${why}`);
    }
    const container = resolveTarget(target);
    const pageOrigin = container.ownerDocument.defaultView?.location.origin ?? '';
    const channel = createChannel();
    const ariaLabel = this.options.ariaLabel ?? FieldView.labelText(container);
    const framed = { ...this.options, ...(ariaLabel !== undefined && { ariaLabel }) };
    const { gatewayOrigin, paymentSessionId, locale, readyTimeout } = this.init;
    const mount: FrameMount = new FrameMount(
      {
        container,
        src: frameUrl(gatewayOrigin, paymentSessionId, pageOrigin, channel, locale, framed),
        channel,
        frameOptions: frameOptionsOf(framed),
        gatewayOrigin,
        readyTimeout,
        locale: locale ?? 'en',
        errorTooltip: this.options.errorTooltip ?? true,
        loadTooltips: this.loadTooltips,
      },
      {
        ready: (state, first) => this.whenCurrent(mount, () => this.onReady(mount, state, first)),
        reloading: () =>
          this.whenCurrent(mount, () => {
            const brand = this.state?.brand ?? 'unknown';
            this.life = { phase: 'mounting', mount, state: this.state };
            this.setState(mount, { empty: true, complete: false, valid: false, brand });
          }),
        state: (state) => this.whenCurrent(mount, () => this.setState(mount, state)),
        focus: (on) => this.whenCurrent(mount, () => this.events.emit(on ? 'focus' : 'blur', {})),
        escape: () => this.whenCurrent(mount, () => this.events.emit('escape', {})),
        failed: (error) =>
          this.whenCurrent(mount, () => {
            this.unmount();
            this.events.emit('error', error);
          }),
      },
    );
    this.life = { phase: 'mounting', mount, state: null };
    await mount.start();
  }

  /**
   * Changes the placeholder, accessible name, style or disabled state, merged into the current
   * options. Before `ready` the change waits for the frame; before `mount` it shapes the frame.
   */
  update(options: FieldUpdate): void {
    this.assertUsable('update');
    const checked = resolveFieldOptions(options, 'update');
    this.options = { ...this.options, ...checked };
    if (this.life.phase === 'ready') this.life.mount.command(MessageName.Update, { options: frameOptionsOf(checked) });
  }

  /**
   * Moves keyboard focus into the field's input and resolves whether it took; the `focus` event
   * fires whenever the input gains focus. Chromium and Firefox always allow it (`true`). WebKit
   * (Safari) allows it from a shopper's gesture (a click, tap or key handler, the merchant's
   * `<label for>`, a click on the container) or once the shopper has used the field; otherwise it
   * refuses (`false`): the page's focus is then on the frame, and the next key the shopper types
   * goes into the input. `false`, too, before `ready` and while the frame loads again.
   */
  focus(): Promise<boolean> {
    this.assertUsable('focus');
    return 'mount' in this.life ? this.life.mount.focus() : Promise.resolve(false);
  }

  /** Takes keyboard focus out of the field. */
  blur(): void {
    this.assertUsable('blur');
    if ('mount' in this.life) this.life.mount.command(MessageName.BlurInput, {});
  }

  /** Empties the field. */
  clear(): void {
    this.assertUsable('clear');
    if ('mount' in this.life) this.life.mount.command(MessageName.ClearInput, {});
  }

  /** Takes the frame out of the page; the field can be mounted again. */
  unmount(): void {
    if (this.life.phase === 'destroyed') return;
    if ('mount' in this.life) this.life.mount.dispose();
    this.life = { phase: 'idle' };
  }

  /** Unmounts and drops every handler; the field cannot be used again. */
  destroy(): void {
    this.unmount();
    this.events.clear();
    this.life = { phase: 'destroyed' };
  }

  /** @internal Asks the frame to send the CVN; used by {@link CardsSession.submit}. */
  requestSubmit(timeout: number): Promise<SubmitReply> {
    if (this.life.phase !== 'ready') {
      return Promise.reject(
        new CardsSessionError(ErrorCode.FIELD_NOT_READY, 'submit: mount a field and wait for its ready event first'),
      );
    }
    return this.life.mount.submit(timeout);
  }

  /** @internal Whether the field can take a submit. */
  get isReady(): boolean {
    return this.life.phase === 'ready' && this.life.mount.ready;
  }

  /** @internal Whether `destroy()` was called: the session forgets such fields. */
  get isDestroyed(): boolean {
    return this.life.phase === 'destroyed';
  }

  private whenCurrent(mount: FrameMount, act: () => void): void {
    if ('mount' in this.life && this.life.mount === mount) act();
  }

  private onReady(mount: FrameMount, state: FieldState, first: boolean): void {
    this.life = { phase: 'ready', mount, state: first ? state : this.state };
    if (first) {
      this.events.emit('ready', { brand: state.brand });
      // The first state, so a change handler can set up the page without waiting for typing.
      this.events.emit('change', state);
    } else this.setState(mount, state);
    // The frame knows the options its URL carried: anything changed since goes to it now.
    const { frameOptions } = mount.options;
    const now = frameOptionsOf({ ...this.options, ariaLabel: this.options.ariaLabel ?? frameOptions.ariaLabel });
    if (JSON.stringify(now) !== JSON.stringify(frameOptions)) mount.command(MessageName.Update, { options: now });
  }

  private setState(mount: FrameMount, state: FieldState): void {
    if (!('state' in this.life) || same(this.life.state, state)) return;
    this.life = { ...this.life, mount, state };
    this.events.emit('change', state);
  }

  private assertUsable(method: string): void {
    if (this.life.phase === 'destroyed')
      throw new CardsSessionError(ErrorCode.FIELD_STATE, `${method}: the field is destroyed`);
  }
}

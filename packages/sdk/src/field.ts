import { ErrorCode, MessageName, PROTOCOL_VERSION, type FieldState, type SubmitReply } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { Emitter, type FieldEvents, type Unsubscribe } from './events';
import { FieldView, type TooltipLoader } from './field-view';
import { connectFrame, type FrameLink } from './messaging';
import { createChannel, createFrameElement, frameOptionsOf, frameUrl, resolveTarget } from './mount';
import { resolveFieldOptions, type FieldOptions, type FieldUpdate, type ResolvedInit } from './options';

type Phase = 'idle' | 'mounting' | 'ready' | 'destroyed';

/** How long `focus()` waits for the frame's answer. */
const FOCUS_TIMEOUT = 2000;

const unmounted = () =>
  new CardsSessionError(ErrorCode.FIELD_STATE, 'mount: the field was unmounted before it was ready');

/**
 * A hosted CVN field. The shopper types into a frame served by the gateway; this object only
 * learns the field's coarse state.
 */
export class CvnField {
  private readonly events = new Emitter<FieldEvents>();
  private phase: Phase = 'idle';
  private link: FrameLink | null = null;
  private view: FieldView | null = null;
  /** Ends the mount in progress or in place; identifies it, too. */
  private teardownMount: (() => void) | null = null;
  private current: FieldState | null = null;
  private options: FieldOptions;
  /** Changes made while mounting: the frame hears them once it is ready. */
  private pending: FieldUpdate | null = null;

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
    return this.current;
  }

  /**
   * Puts the frame into `target` (a selector or element) and resolves once the frame is ready.
   * Rejects with a {@link CardsSessionError} when the gateway refuses the frame, it does not
   * load within `readyTimeout`, or the field is unmounted first.
   */
  async mount(target: string | HTMLElement): Promise<void> {
    if (this.phase !== 'idle') {
      const why = this.phase === 'destroyed' ? 'destroyed' : 'already mounted';
      throw new CardsSessionError(ErrorCode.FIELD_STATE, `mount: the field is ${why}`);
    }
    const container = resolveTarget(target);
    const doc = container.ownerDocument;
    const pageOrigin = doc.defaultView?.location.origin ?? '';
    this.phase = 'mounting';
    const channel = createChannel();
    const ariaLabel = this.options.ariaLabel ?? FieldView.labelText(container);
    const src = frameUrl(this.init.gatewayOrigin, this.init.paymentSessionId, pageOrigin, channel, this.init.locale, {
      ...this.options,
      ...(ariaLabel !== undefined && { ariaLabel }),
    });

    let settle!: { resolve: () => void; reject: (err: CardsSessionError) => void };
    const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // It may settle while post-robot still loads, before `await ready` below: not unhandled.
    ready.catch(() => undefined);
    const teardown = () => {
      clearTimeout(timer);
      settle.reject(unmounted());
    };
    const isCurrent = () => this.teardownMount === teardown;
    const fail = (err: CardsSessionError) => {
      if (this.phase !== 'mounting' || !isCurrent()) return;
      settle.reject(err);
      this.unmount();
      this.events.emit('error', err);
    };
    const timer = setTimeout(() => {
      const message = `The payment field did not load within ${this.init.readyTimeout} ms: check that ${pageOrigin} is in the session's allowed_origins and that the gateway is reachable`;
      fail(new CardsSessionError(ErrorCode.FRAME_LOAD_TIMEOUT, message));
    }, this.init.readyTimeout);
    this.teardownMount = teardown;

    try {
      const link = await connectFrame(
        () => {
          // post-robot loads asynchronously: the field may have been unmounted meanwhile.
          if (!isCurrent()) throw unmounted();
          const iframe = createFrameElement(doc, src, this.init.locale ?? 'en');
          this.view = new FieldView(container, iframe, this.loadTooltips, this.options.errorTooltip ?? true);
          container.append(iframe);
          return iframe.contentWindow as Window;
        },
        this.init.gatewayOrigin,
        channel,
        {
          [MessageName.Ready]: (p) => {
            if (this.phase !== 'mounting') return;
            if (p.version !== PROTOCOL_VERSION) {
              const message = `The frame speaks protocol ${p.version}, this SDK ${PROTOCOL_VERSION}: load the SDK and frame from the same gateway`;
              return fail(new CardsSessionError(ErrorCode.VERSION_MISMATCH, message));
            }
            this.view?.ready(p.height);
            this.view?.linkLabels(() => void this.focus());
            this.setState({ empty: true, complete: false, valid: false, brand: p.brand });
            this.phase = 'ready';
            settle.resolve();
            this.events.emit('ready', { brand: p.brand });
            // The first state, so a change handler can set up the page without waiting for typing.
            if (this.current) this.events.emit('change', this.current);
            this.flushUpdate();
          },
          [MessageName.LoadError]: (p) => fail(new CardsSessionError(p.code, p.message)),
          [MessageName.Change]: (p) => this.setState(p.state),
          [MessageName.Focus]: () => {
            this.view?.focused(true);
            this.events.emit('focus', {});
          },
          [MessageName.Blur]: () => {
            this.view?.focused(false);
            this.events.emit('blur', {});
          },
          [MessageName.Escape]: () => this.events.emit('escape', {}),
          [MessageName.Resize]: (p) => this.view?.resize(p.height),
          [MessageName.Help]: (p) => this.view?.help(p.open, p.text),
        },
      );
      if (isCurrent()) {
        this.link = link;
        this.flushUpdate();
      } else link.close();
    } catch (cause) {
      if (cause instanceof CardsSessionError) fail(cause);
      else fail(new CardsSessionError(ErrorCode.INTERNAL_ERROR, 'The messaging layer failed to load', { cause }));
    }
    try {
      await ready;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Changes the placeholder, accessible name, style or disabled state, merged into the current
   * options. Before `ready` the change waits for the frame; before `mount` it shapes the frame.
   */
  update(options: FieldUpdate): void {
    this.assertUsable('update');
    const checked = resolveFieldOptions(options, 'update');
    this.options = { ...this.options, ...checked };
    if (this.phase === 'mounting') this.pending = { ...this.pending, ...checked };
    this.flushUpdate(checked);
  }

  private flushUpdate(changes: FieldUpdate | null = this.pending): void {
    if (this.phase !== 'ready' || !this.link || !changes) return;
    this.pending = null;
    this.link.command(MessageName.Update, { options: frameOptionsOf(changes) });
  }

  /**
   * Moves keyboard focus into the field's input and resolves whether it took; the `focus` event
   * fires whenever the input gains focus. Chromium and Firefox always allow it (`true`). WebKit
   * (Safari) allows it from a shopper's gesture (a click, tap or key handler, the merchant's
   * `<label for>`, a click on the container) or once the shopper has used the field; otherwise it
   * refuses (`false`): the page's focus is then on the frame, and the next key the shopper types
   * goes into the input. `false`, too, before `ready`.
   */
  focus(): Promise<boolean> {
    this.assertUsable('focus');
    if (this.phase !== 'ready' || !this.view || !this.link) return Promise.resolve(false);
    // In the caller's task: WebKit lets the frame take focus while a shopper's gesture is being
    // handled, and passes the gesture on with the message.
    this.view.iframe.focus();
    return this.link.focus(FOCUS_TIMEOUT);
  }

  /** Takes keyboard focus out of the field. */
  blur(): void {
    this.assertUsable('blur');
    this.link?.command(MessageName.BlurInput, {});
  }

  /** Empties the field. */
  clear(): void {
    this.assertUsable('clear');
    this.link?.command(MessageName.ClearInput, {});
  }

  /** Takes the frame out of the page; the field can be mounted again. */
  unmount(): void {
    if (this.phase === 'destroyed') return;
    this.teardownMount?.();
    this.link?.close();
    this.view?.dispose();
    this.link = this.view = this.teardownMount = this.current = this.pending = null;
    this.phase = 'idle';
  }

  /** Unmounts and drops every handler; the field cannot be used again. */
  destroy(): void {
    this.unmount();
    this.events.clear();
    this.phase = 'destroyed';
  }

  /** @internal Asks the frame to send the CVN; used by {@link CardsSession.submit}. */
  requestSubmit(timeout: number): Promise<SubmitReply> {
    if (this.phase !== 'ready' || !this.link) {
      return Promise.reject(
        new CardsSessionError(ErrorCode.FIELD_NOT_READY, 'submit: mount a field and wait for its ready event first'),
      );
    }
    return this.link.submit(timeout);
  }

  /** @internal Whether the field can take a submit. */
  get isReady(): boolean {
    return this.phase === 'ready';
  }

  /** @internal Whether `destroy()` was called: the session forgets such fields. */
  get isDestroyed(): boolean {
    return this.phase === 'destroyed';
  }

  private assertUsable(method: string): void {
    if (this.phase === 'destroyed')
      throw new CardsSessionError(ErrorCode.FIELD_STATE, `${method}: the field is destroyed`);
  }

  private setState(state: FieldState): void {
    this.current = state;
    this.view?.state(state);
    if (this.phase === 'ready') this.events.emit('change', state);
  }
}

import { ErrorCode, MessageName, PROTOCOL_VERSION, type FieldState, type SubmitReply } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { Emitter, type FieldEvents, type Unsubscribe } from './events';
import { connectFrame, type FrameLink } from './messaging';
import { createChannel, createFrameElement, frameUrl, resolveTarget } from './mount';
import type { FieldOptions, ResolvedInit } from './options';

type Phase = 'idle' | 'mounting' | 'ready' | 'destroyed';

const STATE_CLASSES = ['cs-field--focus', 'cs-field--invalid', 'cs-field--complete', 'cs-field--empty'] as const;

/**
 * A hosted CVN field. The shopper types into a frame served by the gateway; this object only
 * learns the field's coarse state.
 */
export class CvnField {
  private readonly events = new Emitter<FieldEvents>();
  private phase: Phase = 'idle';
  private link: FrameLink | null = null;
  private container: HTMLElement | null = null;
  private iframe: HTMLIFrameElement | null = null;
  private teardownMount: (() => void) | null = null;
  private current: FieldState | null = null;

  /** @internal Created by {@link CardsSession.createField}. */
  constructor(
    private readonly init: ResolvedInit,
    private readonly options: FieldOptions,
  ) {}

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
   * Rejects with a {@link CardsSessionError} when the gateway refuses the frame or it does not
   * load within `readyTimeout`.
   */
  async mount(target: string | HTMLElement): Promise<void> {
    if (this.phase !== 'idle') {
      throw new CardsSessionError(
        ErrorCode.FIELD_STATE,
        `mount: the field is ${this.phase === 'destroyed' ? 'destroyed' : 'already mounted'}`,
      );
    }
    const container = resolveTarget(target);
    this.phase = 'mounting';
    this.container = container;
    const channel = createChannel();
    const doc = container.ownerDocument;
    const locale = this.init.locale ?? 'en';
    const src = frameUrl(
      this.init.gatewayOrigin,
      this.init.paymentSessionId,
      doc.defaultView?.location.origin ?? '',
      channel,
      this.init.locale,
      this.options,
    );

    let settle!: { resolve: () => void; reject: (err: CardsSessionError) => void };
    const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // It may settle while post-robot still loads, before `await ready` below: not unhandled.
    ready.catch(() => undefined);
    // Identifies this mount: an unmount, or a later mount, replaces it.
    const teardown = () => {
      clearTimeout(timer);
      settle.reject(new CardsSessionError(ErrorCode.FIELD_STATE, 'mount: the field was unmounted before it was ready'));
    };
    const current = () => this.teardownMount === teardown;
    const fail = (err: CardsSessionError) => {
      if (this.phase !== 'mounting' || !current()) return;
      settle.reject(err);
      this.unmount();
      this.events.emit('error', err);
    };
    const timer = setTimeout(
      () =>
        fail(
          new CardsSessionError(
            ErrorCode.FRAME_LOAD_TIMEOUT,
            `The payment field did not load within ${this.init.readyTimeout} ms: check that ${doc.defaultView?.location.origin} is in the session's allowed_origins and that the gateway is reachable`,
          ),
        ),
      this.init.readyTimeout,
    );
    this.teardownMount = teardown;

    try {
      const link = await connectFrame(
        () => {
          // post-robot loads asynchronously: the field may have been unmounted meanwhile.
          if (!current())
            throw new CardsSessionError(ErrorCode.FIELD_STATE, 'mount: the field was unmounted before it was ready');
          const iframe = createFrameElement(doc, src, locale);
          container.classList.add('cs-field', 'cs-field--empty');
          container.append(iframe);
          this.iframe = iframe;
          return iframe.contentWindow as Window;
        },
        this.init.gatewayOrigin,
        channel,
        {
          [MessageName.Ready]: (p) => {
            if (this.phase !== 'mounting') return;
            if (p.version !== PROTOCOL_VERSION) {
              return fail(
                new CardsSessionError(
                  ErrorCode.VERSION_MISMATCH,
                  `The frame speaks protocol ${p.version}, this SDK ${PROTOCOL_VERSION}: load the SDK and frame from the same gateway`,
                ),
              );
            }
            this.resize(p.height);
            this.setState({ empty: true, complete: false, valid: false, brand: p.brand });
            this.phase = 'ready';
            settle.resolve();
            this.events.emit('ready', { brand: p.brand });
            // The first state, so a change handler can set up the page without waiting for typing.
            if (this.current) this.events.emit('change', this.current);
          },
          [MessageName.LoadError]: (p) => fail(new CardsSessionError(p.code, p.message)),
          [MessageName.Change]: (p) => this.setState(p.state),
          [MessageName.Focus]: () => {
            container.classList.add('cs-field--focus');
            this.events.emit('focus', {});
          },
          [MessageName.Blur]: () => {
            container.classList.remove('cs-field--focus');
            this.events.emit('blur', {});
          },
          [MessageName.Escape]: () => this.events.emit('escape', {}),
          [MessageName.Resize]: (p) => this.resize(p.height),
        },
      );
      if (current()) this.link = link;
      else link.close();
    } catch (cause) {
      fail(new CardsSessionError(ErrorCode.INTERNAL_ERROR, 'The messaging layer failed to load', { cause }));
    }
    try {
      await ready;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Takes the frame out of the page; the field can be mounted again. */
  unmount(): void {
    if (this.phase === 'destroyed') return;
    this.teardownMount?.();
    this.link?.close();
    this.iframe?.remove();
    this.container?.classList.remove('cs-field', ...STATE_CLASSES);
    this.link = this.iframe = this.container = this.teardownMount = this.current = null;
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

  private resize(height: number): void {
    if (this.iframe && height > 0) this.iframe.style.height = `${height}px`;
  }

  private setState(state: FieldState): void {
    this.current = state;
    const list = this.container?.classList;
    list?.toggle('cs-field--empty', state.empty);
    list?.toggle('cs-field--complete', state.complete);
    list?.toggle('cs-field--invalid', Boolean(state.error));
    if (this.phase === 'ready') this.events.emit('change', state);
  }
}

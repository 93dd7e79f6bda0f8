import {
  ErrorCode,
  MessageName,
  PROTOCOL_VERSION,
  type CardBrand,
  type CommandName,
  type FieldState,
  type FrameBoundPayloads,
  type FrameOptions,
  type MessageBody,
  type Locale,
  type SubmitReply,
} from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { FieldView, type TooltipLoader } from './field-view';
import { createFrameElement } from './frame-element';
import { watchLoad } from './load-watch';
import { connectFrame, type FrameHandlers, type FrameLink } from './messaging';

/** What a mount tells its field. */
export interface MountEvents {
  /** The frame is ready, with its reset state: the first time, or again after it was replaced. */
  ready(state: FieldState, first: boolean): void;
  /** The browser replaced the frame (moved in the DOM): it loads again, empty. */
  reloading(): void;
  /** The shopper changed the field's coarse state. */
  state(state: FieldState): void;
  focus(on: boolean): void;
  escape(): void;
  /** The mount cannot go on: it did not load, or its replacement did not. */
  failed(error: CardsSessionError): void;
}

/** Everything one mount is made of, decided by the field. */
export interface MountOptions {
  container: HTMLElement;
  /** The frame URL: its fragment carries the channel and {@link frameOptions}. */
  src: string;
  channel: string;
  /** The options the frame reads from {@link src} when it loads. */
  frameOptions: FrameOptions;
  gatewayOrigin: string;
  readyTimeout: number;
  locale: Locale;
  errorTooltip: boolean;
  loadTooltips: TooltipLoader;
}

type Status = 'connecting' | 'ready' | 'disposed';

/** How long `focus()` waits for the frame's answer. */
const FOCUS_TIMEOUT = 2000;

const fieldError = (code: ErrorCode, message: string) => new CardsSessionError(code, message);
const unmounted = () => fieldError(ErrorCode.FIELD_STATE, 'mount: the field was unmounted before it was ready');
const emptyState = (brand: CardBrand): FieldState => ({ empty: true, complete: false, valid: false, brand });

/**
 * One mounted frame, from insertion to `dispose()`: the iframe and the view around it, the link
 * to its window, the load watch and the submits in flight. When the browser replaces the frame
 * (its container moved, the frame reloaded) the mount re-binds to the new window of the same
 * channel, checked as strictly as the first, and reports the reset state.
 */
export class FrameMount {
  private link: FrameLink | null = null;
  private view: FieldView | null = null;
  private stopWatch: (() => void) | null = null;
  private status: Status = 'connecting';
  private brand: CardBrand | null = null;
  private readonly inFlight = new Set<(error: CardsSessionError) => void>();
  private settle!: { resolve(): void; reject(error: CardsSessionError): void };
  private readonly firstReady = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));

  constructor(
    readonly options: MountOptions,
    private readonly events: MountEvents,
  ) {
    // It may settle before anyone awaits it (an early failure): not unhandled.
    this.firstReady.catch(() => undefined);
  }

  /** Whether the frame is ready for input and commands. */
  get ready(): boolean {
    return this.status === 'ready';
  }

  /** Loads the messaging layer and inserts the frame; resolves at its first `ready`. */
  async start(): Promise<void> {
    try {
      const link = await connectFrame(
        () => this.insert(),
        this.options.gatewayOrigin,
        this.options.channel,
        this.handlers(),
      );
      if (this.status === 'disposed') link.close();
      else this.link = link;
    } catch (cause) {
      this.fail(
        cause instanceof CardsSessionError
          ? cause
          : new CardsSessionError(ErrorCode.INTERNAL_ERROR, 'The messaging layer failed to load', { cause }),
      );
    }
    return this.firstReady;
  }

  /** Asks the frame to send the CVN. Rejects at once if the frame is away or replaced meanwhile. */
  submit(timeout: number): Promise<SubmitReply> {
    this.sync();
    const link = this.link;
    if (this.status !== 'ready' || !link || !this.view?.iframe.isConnected) {
      const why = this.status === 'connecting' ? 'is loading again' : 'is not in the page';
      return Promise.reject(fieldError(ErrorCode.FIELD_NOT_READY, `submit: the payment field ${why}`));
    }
    return new Promise<SubmitReply>((resolve, reject) => {
      this.inFlight.add(reject);
      link
        .request(MessageName.Submit, {}, timeout)
        .then(resolve, reject)
        .finally(() => this.inFlight.delete(reject));
    });
  }

  /** Sends a command the frame needs no answer to; before `ready` it is dropped. */
  command<N extends CommandName>(name: N, payload: MessageBody<FrameBoundPayloads[N]>): void {
    this.sync();
    if (this.status === 'ready') this.link?.command(name, payload);
  }

  /** Moves keyboard focus into the frame and its input; resolves whether the input took it. */
  focus(): Promise<boolean> {
    this.sync();
    if (this.status !== 'ready' || !this.link || !this.view) return Promise.resolve(false);
    // In the caller's task: WebKit lets the frame take focus while a shopper's gesture is being
    // handled, and passes the gesture on with the message.
    this.view.iframe.focus();
    return this.link.request(MessageName.FocusInput, {}, FOCUS_TIMEOUT).then(
      (reply) => reply.focused,
      () => false,
    );
  }

  /** Takes everything out: the frame, its view and listeners, timers, and submits in flight. */
  dispose(): void {
    if (this.status === 'disposed') return;
    this.status = 'disposed';
    this.settle.reject(unmounted());
    this.abandon(fieldError(ErrorCode.FIELD_STATE, 'submit: the field was unmounted before the frame answered'));
    this.stopWatch?.();
    this.link?.close();
    this.view?.dispose();
    this.link = this.view = this.stopWatch = null;
  }

  private insert(): Window {
    if (this.status === 'disposed') throw unmounted();
    const { container, src, locale, loadTooltips, errorTooltip } = this.options;
    const iframe = createFrameElement(container.ownerDocument, src, locale);
    this.view = new FieldView(container, iframe, loadTooltips, errorTooltip);
    iframe.addEventListener('load', () => this.sync(true));
    this.watch(false);
    container.append(iframe);
    return iframe.contentWindow as Window;
  }

  private watch(loaded: boolean): void {
    const iframe = this.view?.iframe;
    if (!iframe) return;
    this.stopWatch?.();
    const { gatewayOrigin, readyTimeout } = this.options;
    this.stopWatch = watchLoad({ iframe, gatewayOrigin, readyTimeout, loaded, fail: (error) => this.fail(error) });
  }

  // A moved iframe gets a new window, which loads the same URL: the same channel, on a window the
  // link does not listen to yet. Checked on every load, submit and command.
  private sync(loaded = false): void {
    const win = this.view?.iframe.contentWindow;
    if (this.status === 'disposed' || !this.link || !win || win === this.link.window) return;
    this.link.rebind(win);
    this.status = 'connecting';
    this.abandon(fieldError(ErrorCode.NETWORK_ERROR, 'The payment field was reloaded before it answered'));
    this.view?.loading();
    this.watch(loaded);
    this.events.reloading();
  }

  private abandon(error: CardsSessionError): void {
    for (const reject of this.inFlight) reject(error);
    this.inFlight.clear();
  }

  private fail(error: CardsSessionError): void {
    if (this.status === 'disposed') return;
    this.settle.reject(error);
    this.events.failed(error);
  }

  private handlers(): FrameHandlers {
    const live = () => this.status !== 'disposed';
    return {
      [MessageName.Ready]: (p) => {
        if (!live()) return;
        if (p.version !== PROTOCOL_VERSION) {
          const message = `The frame speaks protocol ${p.version}, this SDK ${PROTOCOL_VERSION}: load the SDK and frame from the same gateway`;
          return this.fail(fieldError(ErrorCode.VERSION_MISMATCH, message));
        }
        // A second ready on a ready mount is the same window reloaded in place.
        this.abandon(fieldError(ErrorCode.NETWORK_ERROR, 'The payment field was reloaded before it answered'));
        this.stopWatch?.();
        this.stopWatch = null;
        const first = this.brand === null;
        this.status = 'ready';
        this.brand = p.brand;
        const state = emptyState(p.brand);
        this.view?.ready(p.height);
        this.view?.state(state);
        if (first) this.view?.linkLabels(() => void this.focus());
        this.settle.resolve();
        this.events.ready(state, first);
      },
      [MessageName.LoadError]: (p) => this.fail(fieldError(p.code, p.message)),
      [MessageName.Change]: (p) => {
        if (this.status !== 'ready') return;
        this.view?.state(p.state);
        this.events.state(p.state);
      },
      [MessageName.Focus]: () => {
        this.view?.focused(true);
        if (live()) this.events.focus(true);
      },
      [MessageName.Blur]: () => {
        this.view?.focused(false);
        if (live()) this.events.focus(false);
      },
      [MessageName.Escape]: () => live() && this.events.escape(),
      [MessageName.Resize]: (p) => this.view?.resize(p.height),
      [MessageName.Help]: (p) => this.view?.help(p.open, p.text),
    };
  }
}

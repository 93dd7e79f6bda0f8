import type { CardsSession, FieldEventName, FieldEvents, FieldOptions, InitOptions } from 'cards-session';

// A small stand-in for the SDK, so the binding's tests check the binding: which calls it makes,
// when, with what. It imports no SDK values: the tests mock 'cards-session' with it.

type Handler = (payload: never) => void;

/** The class of the element a mounted fake field puts in its container, where the SDK puts its iframe. */
export const FRAME_CLASS = 'fake-frame';

/** The fake frames in the document. */
export const frames = (): NodeListOf<Element> => document.querySelectorAll(`.${FRAME_CLASS}`);

/** A field that records its calls; the test says when the frame is ready or fails. */
export class FakeField {
  readonly updates: FieldOptions[] = [];
  readonly handlers = new Map<FieldEventName, Set<Handler>>();
  container: HTMLElement | null = null;
  destroyed = false;
  private frame: HTMLElement | null = null;
  private settle: { resolve: () => void; reject: (err: unknown) => void } | null = null;

  constructor(readonly options: FieldOptions | undefined) {}

  on<K extends FieldEventName>(name: K, handler: (payload: FieldEvents[K]) => void): () => void {
    const set = this.handlers.get(name) ?? new Set();
    this.handlers.set(name, set);
    set.add(handler as Handler);
    return () => void set.delete(handler as Handler);
  }

  /** How many handlers are subscribed, over all events. */
  get subscriptions(): number {
    return [...this.handlers.values()].reduce((n, set) => n + set.size, 0);
  }

  mount(target: string | HTMLElement): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('mount: the field is destroyed'));
    this.container = target as HTMLElement;
    // A stand-in element: happy-dom refuses to load iframes.
    this.frame = document.createElement('div');
    this.frame.className = FRAME_CLASS;
    this.container.append(this.frame);
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  /** Like the SDK: `ready`, then the first `change`, then `mount()` resolves. */
  ready(): void {
    this.emit('ready', { brand: 'visa' });
    this.emit('change', { empty: true, complete: false, valid: false, brand: 'visa' });
    this.settle?.resolve();
  }

  /** Like the SDK's load failure: `mount()` rejects, the frame goes, `error` is emitted. */
  fail(error: FieldEvents['error']): void {
    this.settle?.reject(error);
    this.frame?.remove();
    this.emit('error', error);
  }

  emit<K extends FieldEventName>(name: K, payload: FieldEvents[K]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) (handler as (p: FieldEvents[K]) => void)(payload);
  }

  update(options: FieldOptions): void {
    this.updates.push(options);
  }

  destroy(): void {
    this.destroyed = true;
    this.frame?.remove();
    this.settle?.reject(new Error('mount: the field was unmounted before it was ready'));
  }
}

/** A session that records the fields it created. */
export class FakeSession {
  readonly fields: FakeField[] = [];
  constructor(readonly options: InitOptions) {}

  createField(type: 'cvn', options?: FieldOptions): FakeField {
    if (faults.createField) throw faults.createField;
    const field = new FakeField(options);
    this.fields.push(field);
    return field;
  }
}

/** Errors the next calls throw, as the SDK does on bad options. */
export const faults: { createField?: unknown } = {};

/** Every session `init` created, in order. */
export const sessions: FakeSession[] = [];

/** The fake `init`. */
export function init(options: InitOptions): CardsSession {
  const session = new FakeSession(options);
  sessions.push(session);
  return session as unknown as CardsSession;
}

/** Fields not destroyed, over all sessions. */
export function liveFields(): FakeField[] {
  return sessions.flatMap((s) => s.fields).filter((f) => !f.destroyed);
}

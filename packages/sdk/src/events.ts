import type { FieldState } from '@cards-session/protocol';
import type { CardsSessionError } from './errors';

/** Events a field emits, with their payloads. None carries what the shopper typed. */
export interface FieldEvents {
  /** The frame is rendered and can take input. */
  ready: { brand: FieldState['brand'] };
  /** Empty / complete / valid / error changed. */
  change: FieldState;
  /** The input gained focus. */
  focus: Record<string, never>;
  /** The input lost focus. */
  blur: Record<string, never>;
  /** The shopper pressed Escape in the field. */
  escape: Record<string, never>;
  /** The field failed: the frame did not load, the gateway refused it, or messaging broke. */
  error: CardsSessionError;
}

/** One of the {@link FieldEvents} names. */
export type FieldEventName = keyof FieldEvents;

/** Removes the handler it was returned for. */
export type Unsubscribe = () => void;

/** A typed event emitter in the manner of mitt: `on` returns its unsubscribe. */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): Unsubscribe {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => {
      set.delete(handler as (payload: never) => void);
    };
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      // A merchant handler that throws must not break the field or the other handlers.
      try {
        (handler as (payload: Events[K]) => void)(payload);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}

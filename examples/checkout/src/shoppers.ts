import { randomBytes } from 'node:crypto';

/** Which checkout an order was made for: the script-tag page or the SPA (their return URLs differ). */
export type Surface = 'page' | 'app';

const ID = /^[0-9a-f]{32}$/;

/**
 * Who owns which order, and which order is each shopper's open checkout. A shopper is a random
 * id in an HttpOnly cookie: only that browser can read its orders or report results for them,
 * and its reloads find the same order, so one cart is never paid through two sessions.
 */
export class Shoppers {
  private readonly owners = new Map<string, { shopper: string; surface: Surface }>();
  private readonly open = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /** A new shopper id. */
  static newId(): string {
    return randomBytes(16).toString('hex');
  }

  /** Whether `value` has the shape of a shopper id (anything else gets a new one). */
  static isId(value: unknown): value is string {
    return typeof value === 'string' && ID.test(value);
  }

  /** Records `reference` as `shopper`'s new open checkout. */
  own(reference: string, shopper: string, surface: Surface): void {
    this.owners.set(reference, { shopper, surface });
    this.open.set(shopper, reference);
  }

  /** Whether `shopper` owns the order `reference`. */
  owns(reference: string, shopper: string): boolean {
    return this.owners.get(reference)?.shopper === shopper;
  }

  /** The reference of `shopper`'s open checkout, if any. */
  openOf(shopper: string): string | undefined {
    return this.open.get(shopper);
  }

  /** The surface the order was made for. */
  surfaceOf(reference: string): Surface | undefined {
    return this.owners.get(reference)?.surface;
  }

  /** `reference` is done with: the shopper's next checkout is a new order. */
  close(reference: string): void {
    const shopper = this.owners.get(reference)?.shopper;
    if (shopper && this.open.get(shopper) === reference) this.open.delete(shopper);
  }

  /** Runs `task` after the shopper's earlier tasks: two tabs cannot open two orders at once. */
  serialize<T>(shopper: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(shopper) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(shopper, settled);
    void settled.then(() => {
      if (this.queues.get(shopper) === settled) this.queues.delete(shopper);
    });
    return run;
  }
}

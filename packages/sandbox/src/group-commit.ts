interface Member {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What a {@link GroupCommit} runs on: the store's transactions and its durability. */
export interface Committer {
  /** Runs `fn` atomically; nested calls are savepoints. */
  transaction<T>(fn: () => T): T;
  /** `null` when every commit so far is on disk, else a promise that resolves once it is. */
  durable(): Promise<void> | null;
}

/**
 * Group commit. Writes queued during one turn of the event loop run as one batch: one SQLite
 * transaction, each write in a savepoint of its own (a write that throws is undone alone and
 * rejects alone), in the order they were queued, each seeing the writes before it. The batch
 * commits once, and its writes settle once that commit is on disk: one flush per batch. While a
 * batch waits for its flush, the next one gathers, and runs as soon as the flush is done.
 *
 * A write queued when nothing is waiting runs at the next `setImmediate`: a batch of one costs
 * one turn of the event loop and its flush, no timer.
 */
export class GroupCommit {
  private queue: Member[] = [];
  private scheduled = false;
  private flushing = false;
  private closed = false;

  constructor(private readonly store: Committer) {}

  /** Queues `fn` (synchronous, and only the store's calls) for the next batch; settles once durable. */
  run<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Refuses what is still queued; later calls reject. */
  close(): void {
    this.closed = true;
    const error = new Error('the store is closed');
    for (const member of this.queue.splice(0)) member.reject(error);
  }

  private schedule(): void {
    if (this.scheduled || this.flushing || this.closed || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => this.runBatch());
  }

  private runBatch(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0);
    if (!batch.length) return;
    const outcomes: Outcome[] = [];
    let durable: Promise<void> | null;
    try {
      this.store.transaction(() => {
        for (const { fn } of batch) {
          try {
            outcomes.push({ ok: true, value: this.store.transaction(fn) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
      durable = this.store.durable();
    } catch (error) {
      // The commit itself failed: nothing of the batch landed.
      for (const member of batch) member.reject(error);
      this.schedule();
      return;
    }
    const settle = () =>
      batch.forEach((member, i) => {
        const outcome = outcomes[i] as Outcome;
        if (outcome.ok) member.resolve(outcome.value);
        else member.reject(outcome.error);
      });
    if (!durable) {
      settle();
      this.schedule();
      return;
    }
    this.flushing = true;
    durable
      .then(settle, (error: unknown) => batch.forEach((member) => member.reject(error)))
      .finally(() => {
        this.flushing = false;
        this.schedule();
      });
  }
}

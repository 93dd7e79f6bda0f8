import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

/** Flushes what was written to a file down to the disk, then calls back: `fs.fdatasync`'s shape. */
export type SyncFile = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

interface Waiters {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Makes a WAL database's commits durable without blocking the event loop. SQLite commits with
 * `synchronous=NORMAL`: a commit's frames are written to the WAL file (a process killed after
 * that keeps them) but not flushed to the disk. This flushes the WAL file with `fdatasync` on
 * libuv's thread pool, one flush at a time; whoever asks while one is under way shares the next,
 * which covers every commit made before it started. So a burst of commits costs one flush.
 *
 * Commits are counted by `mark` (SQLite's `total_changes()`, which only grows): a flush that
 * started at mark m makes every commit up to m durable.
 */
export class WalSync {
  private readonly fd: number;
  private synced: number;
  private flushing: { mark: number; waiters: Waiters } | null = null;
  private next: Waiters | null = null;
  private failure: Error | null = null;
  private closed = false;

  /**
   * Opens the WAL file of an open database (it exists once the connection is in WAL mode) and
   * flushes what is there, so whatever the store starts with (its schema included) is on disk.
   */
  constructor(
    walFile: string,
    private readonly mark: () => number,
    private readonly syncFile: SyncFile = fdatasync,
  ) {
    // Read-write: Windows flushes only handles that may write. SQLite deletes the WAL file only
    // when its last connection closes, so this descriptor names the live file while the store is open.
    this.fd = openSync(walFile, 'r+');
    fdatasyncSync(this.fd);
    this.synced = mark();
  }

  /**
   * `null` when every commit made so far is on disk; else a promise that resolves once it is.
   * It rejects, now and forever after, once a flush has failed: after a failed `fdatasync` the
   * kernel may have dropped the unwritten pages, so no later flush can vouch for them.
   */
  durable(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure);
    const mark = this.mark();
    if (mark <= this.synced) return null;
    if (this.flushing && mark <= this.flushing.mark) return this.flushing.waiters.promise;
    this.next ??= waiters();
    const { promise } = this.next;
    if (!this.flushing) this.flush();
    return promise;
  }

  /** Flushes once more, synchronously, settles every waiter, and closes the file once no flush uses it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const next = this.next;
    this.next = null;
    try {
      fdatasyncSync(this.fd);
      next?.resolve();
    } catch (err) {
      next?.reject(err as Error);
    }
    if (!this.flushing) closeSync(this.fd);
  }

  private flush(): void {
    const waiting = this.next ?? waiters();
    this.next = null;
    const mark = this.mark();
    this.flushing = { mark, waiters: waiting };
    this.syncFile(this.fd, (err) => {
      this.flushing = null;
      if (this.closed) closeSync(this.fd);
      if (err) {
        this.failure ??= err;
        waiting.reject(err);
        this.next?.reject(err);
        this.next = null;
        return;
      }
      this.synced = Math.max(this.synced, mark);
      waiting.resolve();
      if (this.next && !this.closed) this.flush();
    });
  }
}

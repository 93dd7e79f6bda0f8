import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite';
import { Store } from './store';
import type { SyncFile } from './wal-sync';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  stores.splice(0).forEach((store) => store.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** A file store whose WAL flushes are counted and, while `held`, wait for `release()`. */
function fileStore() {
  const dir = mkdtempSync(join(tmpdir(), 'cs-group-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const flushes = { count: 0, held: false, waiting: [] as (() => void)[] };
  const syncFile: SyncFile = (fd, done) => {
    flushes.count++;
    const run = () => fdatasync(fd, done);
    if (flushes.held) flushes.waiting.push(run);
    else run();
  };
  const store = new Store(file, Date.now, { syncFile });
  stores.push(store);
  const release = () => {
    flushes.held = false;
    flushes.waiting.splice(0).forEach((run) => run());
  };
  return { store, file, flushes, release };
}

const key = (store: Store, kid: string) => () => store.putSigningKey(kid, '{}');
const kids = (file: string) => {
  const db = openDatabase(file, { readonly: true });
  try {
    return (db.prepare('SELECT kid FROM signing_keys ORDER BY kid').all() as { kid: string }[]).map((r) => r.kid);
  } finally {
    db.close();
  }
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('settles a batch of one in memory before the next setImmediate: no timer', async () => {
    const store = new Store(':memory:');
    stores.push(store);
    const order: string[] = [];
    const committed = store.commit(key(store, 'k1')).then(() => order.push('committed'));
    setImmediate(() => order.push('next turn'));
    await committed;
    expect(order).toEqual(['committed']);
    expect(store.getSigningKey()?.kid).toBe('k1');
  });

  it('flushes a batch of one on a file in the next setImmediate, and settles when the flush is done', async () => {
    const { store, flushes, release } = fileStore();
    flushes.held = true;
    let settled = false;
    const committed = store.commit(key(store, 'k1')).then(() => (settled = true));
    expect(flushes.count).toBe(0);
    await turn();
    expect(flushes.count).toBe(1);
    expect(settled).toBe(false);
    release();
    await committed;
    expect(settled).toBe(true);
  });

  it('commits writes queued in one turn as one batch with one flush, answered only once it is done', async () => {
    const { store, file, flushes, release } = fileStore();
    flushes.held = true;
    const settled: string[] = [];
    const all = Array.from({ length: 20 }, (_, i) =>
      store.commit(key(store, `k${String(i).padStart(2, '0')}`)).then(() => settled.push(`k${i}`)),
    );
    await turn();
    await turn();
    // Committed (a second connection reads it) but not flushed: nothing is answered yet.
    expect(kids(file)).toHaveLength(20);
    expect(settled).toEqual([]);
    expect(flushes.count).toBe(1);
    release();
    await Promise.all(all);
    expect(settled).toHaveLength(20);
    expect(flushes.count).toBe(1);
  });

  it('gathers the next batch while one flushes, and runs it once the flush is done', async () => {
    const { store, file, flushes, release } = fileStore();
    flushes.held = true;
    const first = store.commit(key(store, 'a'));
    await turn();
    const second = [store.commit(key(store, 'b')), store.commit(key(store, 'c'))];
    await turn();
    await turn();
    expect(kids(file)).toEqual(['a']);
    release();
    await first;
    await Promise.all(second);
    expect(kids(file)).toEqual(['a', 'b', 'c']);
    expect(flushes.count).toBe(2);
  });

  it('undoes a write that throws, alone: the others of its batch commit and settle', async () => {
    const { store, file } = fileStore();
    const results = await Promise.allSettled([
      store.commit(key(store, 'a')),
      store.commit(() => {
        store.putSigningKey('b', '{}');
        throw new Error('refused');
      }),
      store.commit(() => store.putSigningKey('a', '{}')),
      store.commit(key(store, 'c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(kids(file)).toEqual(['a', 'c']);
  });

  it('runs a batch in order, each write seeing the ones before it', async () => {
    const store = new Store(':memory:');
    stores.push(store);
    const record = { fingerprint: 'f', status: 200, body: '{}' };
    const seen = await Promise.all([
      store.commit(() => store.getIdempotency('s', 'k') ?? null),
      store.commit(() => store.putIdempotency('s', 'k', record)),
      store.commit(() => store.getIdempotency('s', 'k') ?? null),
      store.commit(() => store.consumeToken('jti')),
      store.commit(() => store.consumeToken('jti')),
    ]);
    expect(seen).toEqual([null, undefined, record, true, false]);
  });

  it('refuses every write after a failed flush: the disk may have dropped it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-group-'));
    dirs.push(dir);
    let fail = true;
    const store = new Store(join(dir, 'db.sqlite'), Date.now, {
      syncFile: (fd, done) =>
        fail ? done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })) : fdatasync(fd, done),
    });
    stores.push(store);
    await expect(store.commit(key(store, 'a'))).rejects.toMatchObject({ code: 'EIO' });
    fail = false;
    await expect(store.commit(key(store, 'b'))).rejects.toMatchObject({ code: 'EIO' });
    await expect(store.durable()).rejects.toMatchObject({ code: 'EIO' });
  });

  it('refuses what is queued when the store closes, and anything after', async () => {
    const store = new Store(':memory:');
    const queued = store.commit(key(store, 'a'));
    store.close();
    await expect(queued).rejects.toThrow('the store is closed');
    await expect(store.commit(key(store, 'b'))).rejects.toThrow('the store is closed');
  });
});

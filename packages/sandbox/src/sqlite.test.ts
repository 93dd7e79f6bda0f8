import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_DRIVER, openDatabase, transaction, type Database } from './sqlite';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function table(): Database {
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
  return db;
}
const values = (db: Database) => (db.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);

describe('sqlite', () => {
  it("uses Node's own node:sqlite where the runtime has it, better-sqlite3 on Node 20", () => {
    const major = Number(process.versions.node.split('.')[0]);
    if (major === 20) expect(SQLITE_DRIVER).toBe('better-sqlite3');
    else expect(SQLITE_DRIVER).toBe('node:sqlite');
  });

  it('answers plain rows, undefined for none, and the count of changed rows', () => {
    const db = table();
    expect(db.prepare('INSERT INTO t (v) VALUES (?), (?)').run(1, 2).changes).toBe(2);
    expect(db.prepare('SELECT v FROM t WHERE v = ?').get(2)).toEqual({ v: 2 });
    expect(db.prepare('SELECT v FROM t WHERE v = ?').get(3)).toBeUndefined();
    db.close();
  });

  it('commits a transaction whole, and rolls it back whole when it throws', () => {
    const db = table();
    const depth = { n: 0 };
    transaction(db, depth, () => db.exec('INSERT INTO t (v) VALUES (1)'));
    expect(() =>
      transaction(db, depth, () => {
        db.exec('INSERT INTO t (v) VALUES (2)');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(values(db)).toEqual([1]);
    expect(depth.n).toBe(0);
    db.close();
  });

  it('nests as savepoints: an inner failure undoes the inner writes only; an outer one undoes all', () => {
    const db = table();
    const depth = { n: 0 };
    transaction(db, depth, () => {
      db.exec('INSERT INTO t (v) VALUES (1)');
      expect(() =>
        transaction(db, depth, () => {
          db.exec('INSERT INTO t (v) VALUES (2)');
          throw new Error('inner');
        }),
      ).toThrow('inner');
      transaction(db, depth, () => db.exec('INSERT INTO t (v) VALUES (3)'));
    });
    expect(values(db)).toEqual([1, 3]);
    expect(() =>
      transaction(db, depth, () => {
        transaction(db, depth, () => db.exec('INSERT INTO t (v) VALUES (4)'));
        throw new Error('outer');
      }),
    ).toThrow('outer');
    expect(values(db)).toEqual([1, 3]);
    db.close();
  });

  it('opens a second, read-only connection to a file that refuses writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (v INTEGER NOT NULL); INSERT INTO t (v) VALUES (7);');
    const reader = openDatabase(file, { readonly: true });
    expect(values(reader)).toEqual([7]);
    expect(() => reader.exec('INSERT INTO t (v) VALUES (8)')).toThrow(/readonly|read-only/i);
    reader.close();
    db.close();
  });
});

import { createRequire } from 'node:module';

// One small synchronous SQLite interface over two drivers: Node's own `node:sqlite` where the
// runtime has it (Node 22.5 and later), better-sqlite3 on Node 20. better-sqlite3 12, the last
// line that builds for Node 20, aborts the process on Node 24 when its objects are collected, and
// 13 needs Node 22: no one version serves both, so each runtime gets the driver that holds there.

/** A prepared statement: positional parameters, plain row objects. */
export interface Statement {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** An open database. Every call is synchronous. */
export interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}

/** What the database file is opened for. */
export interface OpenOptions {
  /** Reads only: a second connection that can never write (tests inspecting a gateway's file). */
  readonly?: boolean;
}

interface NodeSqlite {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => Database;
}

/** `node:sqlite` when this runtime has it, else `null`. */
function builtin(): NodeSqlite | null {
  const load = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return (load?.('node:sqlite') as NodeSqlite | undefined) ?? null;
}

/** Which driver {@link openDatabase} uses on this runtime. */
export const SQLITE_DRIVER: 'node:sqlite' | 'better-sqlite3' = builtin() ? 'node:sqlite' : 'better-sqlite3';

/** Opens (or creates) the database at `file` (`:memory:` for one that lives with the process). */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const sqlite = builtin();
  if (sqlite) return new sqlite.DatabaseSync(file, { readOnly: options.readonly ?? false });
  // Required only here, so a runtime with `node:sqlite` never loads the native module.
  const BetterSqlite = createRequire(import.meta.url)('better-sqlite3') as new (
    file: string,
    options?: { readonly?: boolean },
  ) => Database;
  return new BetterSqlite(file, { readonly: options.readonly ?? false });
}

/**
 * Runs `fn` atomically on `db`: all of its writes land, or none. Nested calls become savepoints,
 * so a step that is a transaction of its own can run inside a larger one.
 */
export function transaction<T>(db: Database, depth: { n: number }, fn: () => T): T {
  const savepoint = `sp${depth.n}`;
  db.exec(depth.n === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
  depth.n++;
  try {
    const result = fn();
    depth.n--;
    db.exec(depth.n === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
    return result;
  } catch (err) {
    depth.n--;
    db.exec(depth.n === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    throw err;
  }
}

import { transaction, type Database } from './sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  cvn_attempts INTEGER NOT NULL DEFAULT 0,
  owner TEXT,
  resource TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payment_requests (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  status TEXT NOT NULL,
  wrong_codes INTEGER NOT NULL DEFAULT 0,
  resource TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS payment_requests_session ON payment_requests (session_id);
CREATE TABLE IF NOT EXISTS used_tokens (
  jti TEXT PRIMARY KEY,
  used_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
  session_id TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (session_id, key)
);
CREATE TABLE IF NOT EXISTS webhook_outbox (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS webhook_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;
CREATE TABLE IF NOT EXISTS forms (
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  current_id TEXT,
  PRIMARY KEY (owner, name)
);
CREATE TABLE IF NOT EXISTS form_versions (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  resource TEXT NOT NULL,
  UNIQUE (owner, name, version)
);
CREATE TABLE IF NOT EXISTS form_files (
  form_id TEXT NOT NULL REFERENCES form_versions(id),
  path TEXT NOT NULL,
  content_type TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (form_id, path)
);
CREATE TABLE IF NOT EXISTS signing_keys (
  kid TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/**
 * Columns added since the first release, for files created before them: `ALTER TABLE … ADD
 * COLUMN` when missing, in place, keeping every row.
 */
const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  // Sessions from before ownership have no owner (NULL): every accepted key may use them, as
  // every key could when they were created. Sessions live a day at most, so these soon end.
  { table: 'sessions', column: 'owner', definition: 'TEXT' },
  // Old payment requests have had no wrong 3-D Secure code counted: they start at 0.
  { table: 'payment_requests', column: 'wrong_codes', definition: 'INTEGER NOT NULL DEFAULT 0' },
  // The custom form version a session pinned at creation; NULL: the default form.
  { table: 'sessions', column: 'form_id', definition: 'TEXT REFERENCES form_versions(id)' },
];

/**
 * Creates the tables of a new database, or brings an older file up to date in place: every
 * missing column is added (`ALTER TABLE … ADD COLUMN`) in one transaction, keeping every row.
 */
export function createSchema(db: Database): void {
  db.exec(SCHEMA);
  transaction(db, { n: 0 }, () => {
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[];
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  });
}

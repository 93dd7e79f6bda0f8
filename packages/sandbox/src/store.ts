import { GroupCommit } from './group-commit';
import type { Session, PaymentRequest, SessionStatus, PaymentRequestStatus } from './model';
import { FormStore } from './form-store';
import { createSchema } from './schema';
import { openDatabase, transaction, type Database, type Statement } from './sqlite';
import { WalSync, type SyncFile } from './wal-sync';

/** A webhook event waiting in (or delivered from) the outbox. */
export interface OutboxEntry {
  id: string;
  type: string;
  body: string;
  attempts: number;
}

/** A stored idempotent answer. Never holds the CVN or anything derived from it. */
export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: string;
}

/** How a {@link Store} reaches the disk; tests replace the flush. */
export interface StoreOptions {
  /** Flushes the WAL file (`fs.fdatasync` by default). */
  syncFile?: SyncFile;
}

/**
 * The sandbox's state in embedded SQLite: a file (WAL) or `:memory:` for tests. All methods but
 * `commit` are synchronous; a `transaction` is atomic. A file's commits reach the WAL at once
 * and the disk when flushed ({@link WalSync}): whatever is answered from the store waits for
 * {@link Store.durable}, so an acknowledged write survives a crash, of the process or the machine.
 */
export class Store {
  private readonly db: Database;
  private readonly depth = { n: 0 };
  /** Custom forms, their versions and files. */
  readonly forms: FormStore;
  private readonly wal: WalSync | null;
  private readonly group = new GroupCommit(this);

  /** Opens (or creates and migrates) the database at `file`; `now` stamps what it records. */
  constructor(
    file: string,
    private readonly now: () => number = Date.now,
    options: StoreOptions = {},
  ) {
    this.db = openDatabase(file);
    // NORMAL: a commit writes the WAL without flushing it; WalSync flushes, off the event loop.
    if (file !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec('PRAGMA foreign_keys = ON;');
    createSchema(this.db);
    this.forms = new FormStore(this.db);
    const changes = this.db.prepare('SELECT total_changes() AS n');
    this.wal =
      file === ':memory:'
        ? null
        : new WalSync(`${file}-wal`, () => Number((changes.get() as { n: number }).n), options.syncFile);
  }

  private readonly statements = new Map<string, Statement>();

  /** A prepared statement, compiled once per connection. */
  private stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** Runs `fn` atomically: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return transaction(this.db, this.depth, fn);
  }

  /**
   * Runs `fn` atomically in the next group commit ({@link GroupCommit}) with the other writes
   * queued in this turn of the event loop, and settles with its result or error once the batch
   * is on disk. `fn` must be synchronous.
   */
  commit<T>(fn: () => T): Promise<T> {
    return this.group.run(fn);
  }

  /**
   * `null` when every write committed so far is on disk (always, in memory); else a promise
   * that resolves once it is, and rejects if the disk refused it. Call it after reading what an
   * answer says, never inside a transaction.
   */
  durable(): Promise<void> | null {
    if (this.depth.n > 0) throw new Error('durable() inside a transaction');
    return this.wal?.durable() ?? null;
  }

  /** Refuses queued commits, flushes what was committed and closes the database. */
  close(): void {
    this.group.close();
    this.wal?.close();
    this.db.close();
  }

  /** Stores a new session, owned by `owner` (see `ownerId`), showing form version `formId` (`null`: the default). */
  insertSession(session: Session, owner: string, formId: string | null = null): void {
    this.stmt('INSERT INTO sessions (id, status, expires_at, owner, resource, form_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      session.payment_session_id,
      session.status,
      Date.parse(session.expires_at),
      owner,
      JSON.stringify(session),
      formId,
    );
  }

  /** The form version a session pinned, or `null` for the default form. */
  sessionForm(id: string): string | null {
    const row = this.stmt('SELECT form_id FROM sessions WHERE id = ?').get(id) as
      { form_id: string | null } | undefined;
    return row?.form_id ?? null;
  }

  /** The owner id of a session; `null` for one created before ownership; `undefined` if none. */
  sessionOwner(id: string): string | null | undefined {
    const row = this.stmt('SELECT owner FROM sessions WHERE id = ?').get(id) as { owner: string | null } | undefined;
    return row?.owner;
  }

  getSession(id: string): (Session & { cvnAttempts: number }) | undefined {
    const row = this.stmt('SELECT resource, cvn_attempts FROM sessions WHERE id = ?').get(id) as
      { resource: string; cvn_attempts: number } | undefined;
    return row ? { ...(JSON.parse(row.resource) as Session), cvnAttempts: row.cvn_attempts } : undefined;
  }

  updateSession(id: string, patch: Partial<Session> & { status?: SessionStatus }): void {
    const current = this.getSession(id);
    if (!current) throw new Error(`no session ${id}`);
    const { cvnAttempts: _, ...resource } = current;
    const next = { ...resource, ...patch, updated: new Date(this.now()).toISOString() };
    this.stmt('UPDATE sessions SET status = ?, resource = ? WHERE id = ?').run(next.status, JSON.stringify(next), id);
  }

  /**
   * Moves an ACTIVE session past its expiry to EXPIRED. True only for the call that made the
   * change, so the expiry webhook is enqueued once.
   */
  expireIfDue(id: string, now: number): boolean {
    const session = this.getSession(id);
    if (!session || session.status !== 'ACTIVE' || Date.parse(session.expires_at) > now) return false;
    this.updateSession(id, { status: 'EXPIRED' });
    return true;
  }

  /** Ids of ACTIVE sessions whose expiry has passed. */
  dueForExpiry(now: number, limit = 100): string[] {
    const rows = this.stmt("SELECT id FROM sessions WHERE status = 'ACTIVE' AND expires_at <= ? LIMIT ?").all(
      now,
      limit,
    ) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Counts one refused CVN; answers the new count. */
  addCvnAttempt(id: string): number {
    const row = this.stmt(
      'UPDATE sessions SET cvn_attempts = cvn_attempts + 1 WHERE id = ? RETURNING cvn_attempts',
    ).get(id) as { cvn_attempts: number };
    return row.cvn_attempts;
  }

  insertPaymentRequest(pr: PaymentRequest): void {
    this.stmt('INSERT INTO payment_requests (id, session_id, status, resource) VALUES (?, ?, ?, ?)').run(
      pr.payment_request_id,
      pr.payment_session_id,
      pr.status,
      JSON.stringify(pr),
    );
  }

  getPaymentRequest(id: string): PaymentRequest | undefined {
    const row = this.stmt('SELECT resource FROM payment_requests WHERE id = ?').get(id) as
      { resource: string } | undefined;
    return row ? (JSON.parse(row.resource) as PaymentRequest) : undefined;
  }

  /** How many payment requests a session has had, whatever their status. */
  countPaymentRequests(sessionId: string): number {
    const row = this.stmt('SELECT COUNT(*) AS n FROM payment_requests WHERE session_id = ?').get(sessionId) as {
      n: number;
    };
    return row.n;
  }

  /** Every payment request of a session, oldest first: for tests and the `Sandbox` handle. */
  paymentRequestsOf(sessionId: string): PaymentRequest[] {
    const rows = this.stmt('SELECT resource FROM payment_requests WHERE session_id = ? ORDER BY rowid').all(
      sessionId,
    ) as { resource: string }[];
    return rows.map((row) => JSON.parse(row.resource) as PaymentRequest);
  }

  updatePaymentRequest(id: string, status: PaymentRequestStatus, patch: Partial<PaymentRequest> = {}): PaymentRequest {
    const current = this.getPaymentRequest(id);
    if (!current) throw new Error(`no payment request ${id}`);
    const next: PaymentRequest = { ...current, ...patch, status, updated: new Date(this.now()).toISOString() };
    this.stmt('UPDATE payment_requests SET status = ?, resource = ? WHERE id = ?').run(
      status,
      JSON.stringify(next),
      id,
    );
    return next;
  }

  /** Counts one wrong 3-D Secure code on a payment request; answers the new count. */
  addWrongCode(prId: string): number {
    const row = this.stmt(
      'UPDATE payment_requests SET wrong_codes = wrong_codes + 1 WHERE id = ? RETURNING wrong_codes',
    ).get(prId) as { wrong_codes: number };
    return row.wrong_codes;
  }

  /** How many wrong 3-D Secure codes a payment request has had. */
  wrongCodes(prId: string): number {
    const row = this.stmt('SELECT wrong_codes FROM payment_requests WHERE id = ?').get(prId) as
      { wrong_codes: number } | undefined;
    return row?.wrong_codes ?? 0;
  }

  /** Marks a token id used. False when it already was: the caller must refuse the token. */
  consumeToken(jti: string): boolean {
    const info = this.stmt('INSERT OR IGNORE INTO used_tokens (jti, used_at) VALUES (?, ?)').run(jti, this.now());
    return Number(info.changes) === 1;
  }

  getIdempotency(sessionId: string, key: string): IdempotencyRecord | undefined {
    return this.stmt('SELECT fingerprint, status, body FROM idempotency WHERE session_id = ? AND key = ?').get(
      sessionId,
      key,
    ) as IdempotencyRecord | undefined;
  }

  putIdempotency(sessionId: string, key: string, record: IdempotencyRecord): void {
    this.stmt('INSERT INTO idempotency (session_id, key, fingerprint, status, body) VALUES (?, ?, ?, ?, ?)').run(
      sessionId,
      key,
      record.fingerprint,
      record.status,
      record.body,
    );
  }

  /** Adds a webhook event to the outbox, due now. */
  enqueueWebhook(event: { id: string; type: string; body: string }, now: number): void {
    this.stmt('INSERT INTO webhook_outbox (id, type, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)').run(
      event.id,
      event.type,
      event.body,
      now,
      now,
    );
  }

  /** Undelivered events whose next attempt is due, oldest first. */
  dueWebhooks(now: number, limit: number): OutboxEntry[] {
    return this.stmt(
      'SELECT id, type, body, attempts FROM webhook_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?',
    ).all(now, limit) as OutboxEntry[];
  }

  markWebhookDelivered(id: string, now: number): void {
    this.stmt('UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?').run(now, id);
  }

  markWebhookFailed(id: string, nextAttemptAt: number, error: string): void {
    this.stmt(
      'UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
    ).run(nextAttemptAt, error.slice(0, 500), id);
  }

  /** Every outbox entry with its delivery state, for tests and the CLI's status line. */
  webhookLog(): (OutboxEntry & { delivered_at: number | null; last_error: string | null })[] {
    return this.stmt(
      'SELECT id, type, body, attempts, delivered_at, last_error FROM webhook_outbox ORDER BY created_at, id',
    ).all() as (OutboxEntry & { delivered_at: number | null; last_error: string | null })[];
  }

  getSigningKey(): { kid: string; privateJwk: string } | undefined {
    const row = this.stmt('SELECT kid, private_jwk FROM signing_keys ORDER BY created_at DESC LIMIT 1').get() as
      { kid: string; private_jwk: string } | undefined;
    return row ? { kid: row.kid, privateJwk: row.private_jwk } : undefined;
  }

  putSigningKey(kid: string, privateJwk: string): void {
    this.stmt('INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)').run(
      kid,
      privateJwk,
      this.now(),
    );
  }
}

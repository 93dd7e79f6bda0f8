import type { Database, Statement } from './sqlite';

/** One stored form version, as the API answers it. */
export interface StoredForm {
  name: string;
  version: number;
  id: string;
  files: { path: string; bytes: number; content_type: string }[];
  created_at: string;
}

/** A file of a stored form version. */
export interface StoredFormFile {
  contentType: string;
  data: Uint8Array;
}

/**
 * Custom forms in the sandbox's database: `forms` names the current version of each live form of
 * an owner, `form_versions` keeps every version (immutable; sessions pin them), `form_files` their
 * bytes. Deleting a form clears its current version; its versions stay for the sessions that
 * pinned them.
 */
export class FormStore {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  private stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** The next version number of `name` for `owner`: one more than any it ever had. */
  nextVersion(owner: string, name: string): number {
    const row = this.stmt('SELECT MAX(version) AS v FROM form_versions WHERE owner = ? AND name = ?').get(
      owner,
      name,
    ) as { v: number | null };
    return (row.v ?? 0) + 1;
  }

  /** Stores a new version with its files and makes it the current one (call inside a transaction). */
  insert(owner: string, form: StoredForm, files: { path: string; contentType: string; bytes: Uint8Array }[]): void {
    this.stmt('INSERT INTO form_versions (id, owner, name, version, resource) VALUES (?, ?, ?, ?, ?)').run(
      form.id,
      owner,
      form.name,
      form.version,
      JSON.stringify(form),
    );
    for (const file of files) {
      this.stmt('INSERT INTO form_files (form_id, path, content_type, data) VALUES (?, ?, ?, ?)').run(
        form.id,
        file.path,
        file.contentType,
        file.bytes,
      );
    }
    this.stmt(
      'INSERT INTO forms (owner, name, current_id) VALUES (?, ?, ?) ON CONFLICT (owner, name) DO UPDATE SET current_id = excluded.current_id',
    ).run(owner, form.name, form.id);
  }

  /** The current version of a live form of `owner`. */
  current(owner: string, name: string): StoredForm | undefined {
    const row = this.stmt(
      'SELECT v.resource FROM forms f JOIN form_versions v ON v.id = f.current_id WHERE f.owner = ? AND f.name = ?',
    ).get(owner, name) as { resource: string } | undefined;
    return row ? (JSON.parse(row.resource) as StoredForm) : undefined;
  }

  /** The current version of every live form of `owner`, by name. */
  list(owner: string): StoredForm[] {
    const rows = this.stmt(
      'SELECT v.resource FROM forms f JOIN form_versions v ON v.id = f.current_id WHERE f.owner = ? ORDER BY f.name',
    ).all(owner) as { resource: string }[];
    return rows.map((row) => JSON.parse(row.resource) as StoredForm);
  }

  /** Ends a live form: no later session can name it. False when there was none. */
  remove(owner: string, name: string): boolean {
    const info = this.stmt(
      'UPDATE forms SET current_id = NULL WHERE owner = ? AND name = ? AND current_id IS NOT NULL',
    ).run(owner, name);
    return Number(info.changes) === 1;
  }

  /** A file of a version, by the version's id: versions are immutable, deleted forms' included. */
  file(id: string, path: string): StoredFormFile | undefined {
    const row = this.stmt('SELECT content_type, data FROM form_files WHERE form_id = ? AND path = ?').get(id, path) as
      { content_type: string; data: Uint8Array } | undefined;
    return row ? { contentType: row.content_type, data: new Uint8Array(row.data) } : undefined;
  }
}

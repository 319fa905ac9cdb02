import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { checkEntry, conflict, type KvStore, type Stored } from './kv-store';

/**
 * A SQLite failure (locked past busy_timeout, read-only file, disk full) as the same
 * `storage_unavailable` the Blob store raises, so callers handle both stores alike.
 */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'storage_unavailable',
      `the SQLite store cannot be used right now: ${(err as Error).message}. Check that DATA_DIR is writable and that no other process holds the database.`,
    );
  }
}

/** KvStore in the embedded SQLite database (one table, eTags as random ids). */
export class SqliteKvStore implements KvStore {
  private readonly get: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly removeIf: Database.Statement;
  private readonly keys: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL)`,
    );
    this.get = db.prepare('SELECT value, etag FROM kv WHERE key = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO kv (key, value, etag) VALUES (?, ?, ?)');
    this.update = db.prepare('UPDATE kv SET value = ?, etag = ? WHERE key = ? AND etag = ?');
    this.upsert = db.prepare(
      'INSERT INTO kv (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag',
    );
    this.remove = db.prepare('DELETE FROM kv WHERE key = ?');
    this.removeIf = db.prepare('DELETE FROM kv WHERE key = ? AND etag = ?');
    // NOTE: prefix match by range, not LIKE, so keys may hold % and _.
    this.keys = db.prepare('SELECT key FROM kv WHERE key >= ? AND key < ? ORDER BY key');
  }

  async read<T = unknown>(key: string): Promise<Stored<T> | null> {
    checkEntry(key);
    const row = guarded(() => this.get.get(key)) as { value: string; etag: string } | undefined;
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : null;
  }

  async write(
    key: string,
    value: unknown,
    options: { ifMatch?: string | null } = {},
  ): Promise<string> {
    const json = checkEntry(key, value)!;
    const etag = randomUUID();
    const { ifMatch } = options;
    if (ifMatch === null) {
      if (guarded(() => this.insert.run(key, json, etag)).changes === 0) throw conflict(key);
    } else if (ifMatch !== undefined) {
      if (guarded(() => this.update.run(json, etag, key, ifMatch)).changes === 0)
        throw conflict(key);
    } else {
      guarded(() => this.upsert.run(key, json, etag));
    }
    return etag;
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<boolean> {
    checkEntry(key);
    if (options.ifMatch !== undefined) {
      const ifMatch = options.ifMatch;
      const changed = guarded(() => this.removeIf.run(key, ifMatch)).changes > 0;
      if (!changed && guarded(() => this.get.get(key))) throw conflict(key);
      return changed;
    }
    return guarded(() => this.remove.run(key)).changes > 0;
  }

  async list(prefix: string): Promise<string[]> {
    return (guarded(() => this.keys.all(prefix, prefix + '\uffff')) as { key: string }[]).map(
      (r) => r.key,
    );
  }

  /**
   * Reads, then tries a write that is rolled back, without waiting on a lock: a read-only file
   * or a database another process holds answers, but cannot keep a subscription or a notification.
   */
  async ping(): Promise<void> {
    const db = this.db;
    guarded(() => {
      db.prepare('SELECT count(*) FROM kv').get();
      const wait = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma('busy_timeout = 0');
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          // NOTE: a control character is never a valid key, so this row cannot collide.
          db.prepare("INSERT OR REPLACE INTO kv (key, value, etag) VALUES (char(0), '', '')").run();
        } finally {
          db.exec('ROLLBACK');
        }
      } finally {
        db.pragma(`busy_timeout = ${wait}`);
      }
    });
  }
}

import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { checkEntry, conflict, type KvStore, type Stored } from './kv-store';

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
    const row = this.get.get(key) as { value: string; etag: string } | undefined;
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : null;
  }

  async write(
    key: string,
    value: unknown,
    options: { ifMatch?: string | null } = {},
  ): Promise<string> {
    const json = checkEntry(key, value)!;
    const etag = randomUUID();
    if (options.ifMatch === null) {
      if (this.insert.run(key, json, etag).changes === 0) throw conflict(key);
    } else if (options.ifMatch !== undefined) {
      if (this.update.run(json, etag, key, options.ifMatch).changes === 0) throw conflict(key);
    } else {
      this.upsert.run(key, json, etag);
    }
    return etag;
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<boolean> {
    checkEntry(key);
    if (options.ifMatch !== undefined) {
      const changed = this.removeIf.run(key, options.ifMatch).changes > 0;
      if (!changed && this.get.get(key)) throw conflict(key);
      return changed;
    }
    return this.remove.run(key).changes > 0;
  }

  async list(prefix: string): Promise<string[]> {
    return (this.keys.all(prefix, prefix + '\uffff') as { key: string }[]).map((r) => r.key);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }
}

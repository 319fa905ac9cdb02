import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';

/** Opens (creating as needed) the embedded database under `dataDir`, in WAL mode. */
export function openSqlite(dataDir: string, file = 'afsbot.sqlite'): Database.Database {
  try {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, file));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // NOTE: another process (a second bot instance, a backup) may hold the lock briefly.
    db.pragma('busy_timeout = 2000');
    return db;
  } catch (err) {
    throw new AppError(
      'storage_unavailable',
      `cannot open the SQLite store in ${dataDir}: ${(err as Error).message}. Check DATA_DIR and its permissions.`,
    );
  }
}

/** A database that lives and ends with the process: for one-shot commands that count nothing worth keeping. */
export function openSqliteInMemory(): Database.Database {
  return new Database(':memory:');
}

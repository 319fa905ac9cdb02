import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { gapsContract } from './gaps-contract';

gapsContract(
  'SQLite',
  async () => new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-gaps-')))),
);

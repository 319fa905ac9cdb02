import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { kvContract } from './kv-contract';

kvContract(
  'SQLite',
  async () => new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-kv-')))),
);

describe('SQLite store on disk', () => {
  it('keeps what was written across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afsbot-kv-'));
    const etag = await new SqliteKvStore(openSqlite(dir)).write('refs/a', { a: 1 });
    expect(await new SqliteKvStore(openSqlite(dir)).read('refs/a')).toEqual({
      value: { a: 1 },
      etag,
    });
  });
});

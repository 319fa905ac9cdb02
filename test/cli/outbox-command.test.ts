/**
 * `afsbot outbox list|retry` as an operator runs it (the compiled CLI), against a SQLite store
 * that a sender left with notifications it gave up.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../../src/notify/outbox';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { ROOT } from '../helpers';
import { note } from '../support/notifications';

const BIN = join(ROOT, 'bin', 'afsbot.js');
const dataDir = mkdtempSync(join(tmpdir(), 'afsbot-outbox-cli-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, 'outbox', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20000,
    env: { ...process.env, DATA_DIR: dataDir, STORAGE: 'sqlite', LOG_LEVEL: 'silent' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let outbox: Outbox;

beforeAll(async () => {
  outbox = new Outbox(new SqliteKvStore(openSqlite(dataDir)));
  await outbox.enqueue(note('poll:e1:c1:open', { syncGroup: 'rg-files/sss-prod/sg-finance' }));
  await outbox.enqueue(note('poll:e2:c2:open', { conversationId: 'a:personal-2' }));
  await outbox.enqueue(note('poll:e3:c3:open'));
  const [a, b, c] = await outbox.pending();
  await outbox.giveUp(
    { ...a, attempts: 8, lastError: '500 Status500 internal' },
    'failed',
    'gave up after 8 attempts: 500 Status500 internal',
  );
  await outbox.giveUp(b, 'dropped', 'ConversationReferenceMissing no conversation reference');
  await outbox.markDone(c, 'activity-3');
});

describe('afsbot outbox', () => {
  it('lists what was given up: conversation, sync group, key, last error and attempts', () => {
    const r = run('list', '--json');
    expect(r.code).toBe(0);
    const items = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(items).toEqual([
      expect.objectContaining({
        key: 'poll:e1:c1:open',
        outcome: 'failed',
        conversationId: '19:ops@thread.tacv2',
        syncGroup: 'rg-files/sss-prod/sg-finance',
        attempts: 8,
        lastError: '500 Status500 internal',
      }),
      expect.objectContaining({
        key: 'poll:e2:c2:open',
        outcome: 'dropped',
        conversationId: 'a:personal-2',
        lastError: 'ConversationReferenceMissing no conversation reference',
      }),
    ]);
    const table = run('list');
    expect(table.out).toMatch(
      /failed\s+8\s+.*rg-files\/sss-prod\/sg-finance\s+19:ops@thread\.tacv2\s+poll:e1:c1:open/,
    );
    expect(table.out).toContain('500 Status500 internal');
  });

  it('queues one again by key, then the rest with --all, for the running sender to send', async () => {
    expect(run('retry', 'poll:e1:c1:open')).toMatchObject({ code: 0 });
    expect((await outbox.pending()).map((p) => p.notification.key)).toEqual(['poll:e1:c1:open']);
    expect(await outbox.status('poll:e1:c1:open')).toMatchObject({ status: 'pending' });
    const all = run('retry', '--all');
    expect(all.code).toBe(0);
    expect(all.out).toContain('queued again: 1 notification(s)\npoll:e2:c2:open');
    expect((await outbox.pending()).map((p) => p.notification.key)).toEqual([
      'poll:e1:c1:open',
      'poll:e2:c2:open',
    ]);
    expect(run('list').out).toContain('No failed or dropped notifications.');
  });

  it('says what is wrong with a key it does not hold and with bad usage (exit 2)', () => {
    const unknown = run('retry', 'no-such-key');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no failed or dropped notification no-such-key');
    expect(run('retry').code).toBe(2);
    expect(run('purge').code).toBe(2);
  });
});

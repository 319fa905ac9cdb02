import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../../src/notify/outbox';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { FakeConnector } from '../support/fake-connector';
import { ROOT } from '../helpers';
import { startDrain } from './drain-child';
import { note } from '../support/notifications';

const DIST = join(ROOT, 'dist');
const CONVERSATIONS = 30;
const EACH = 10;

/** 300 notifications to 30 conversations, queued in a fresh DATA_DIR. */
async function queue(connectorUrl: string): Promise<{ dir: string; keys: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'afsbot-crash-'));
  const db = openSqlite(dir);
  const kv = new SqliteKvStore(db);
  const refs = new ConversationRefs(kv);
  const outbox = new Outbox(kv);
  const keys: string[] = [];
  for (let c = 0; c < CONVERSATIONS; c++) {
    await refs.save(
      {
        bot: { id: '28:afsbot-test' },
        channelId: 'msteams',
        conversation: { id: `19:team-${c}@thread.tacv2` },
        serviceUrl: connectorUrl,
      },
      new Date(),
    );
  }
  // Interleaved as a poller would queue them: one failure at a time, to every subscriber.
  for (let i = 0; i < EACH; i++) {
    for (let c = 0; c < CONVERSATIONS; c++) {
      const key = `episode-${i}:conv-${c}:open`;
      keys.push(key);
      await outbox.enqueue(note(key, { conversationId: `19:team-${c}@thread.tacv2` }));
    }
  }
  db.close();
  return { dir, keys };
}

function tally(connector: FakeConnector, keys: string[]) {
  const counts = connector.deliveriesByKey();
  return {
    delivered: counts.size,
    lost: keys.filter((k) => !counts.has(k)).length,
    duplicates: [...counts.values()].reduce((n, c) => n + c - 1, 0),
  };
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'notify', 'sender.js')))
    throw new Error('dist/ is missing the sender: run `npm run build` first (npm test does)');
});

describe('a sender killed mid-drain and restarted on the same DATA_DIR', () => {
  it('delivers every notification exactly once when killed as a request reaches Teams', async () => {
    let first: ChildProcess | null = null;
    let killed = false;
    const connector = new FakeConnector({
      record: true,
      enforceLimits: true,
      // The kill lands before this request is answered: Teams never accepted it.
      beforeAnswer: () => {
        if (first && connector.deliveries.length === 120 && !killed) {
          killed = first.kill('SIGKILL');
          return false;
        }
        return true;
      },
    });
    await connector.start();
    try {
      const { dir, keys } = await queue(connector.url);
      const run1 = startDrain(dir);
      first = run1.child;
      expect(await run1.exited).toBe('SIGKILL');
      expect(connector.deliveries).toHaveLength(120);
      const run2 = startDrain(dir);
      expect(await run2.exited).toBe(0);
      expect(tally(connector, keys)).toEqual({ delivered: 300, lost: 0, duplicates: 0 });
      // Every queued item is marked done, and nothing is left pending.
      const outbox = new Outbox(new SqliteKvStore(openSqlite(dir)));
      expect(await outbox.pending()).toEqual([]);
      expect(await outbox.status(keys[299])).toMatchObject({ status: 'done' });
    } finally {
      await connector.stop();
    }
  }, 40_000);

  it('loses nothing when killed at a random moment (a duplicate needs the kill between Teams accepting and the done mark)', async () => {
    const connector = new FakeConnector({ record: true, enforceLimits: true });
    await connector.start();
    try {
      const { dir, keys } = await queue(connector.url);
      const run1 = startDrain(dir);
      const killAt = 500 + Math.floor(Math.random() * 3500);
      const timer = setTimeout(() => run1.child.kill('SIGKILL'), killAt);
      await run1.exited;
      clearTimeout(timer);
      const beforeRestart = connector.deliveries.length;
      expect(await startDrain(dir).exited).toBe(0);
      const result = tally(connector, keys);
      console.log(
        `random kill after ${killAt} ms (${beforeRestart} delivered before it): ${JSON.stringify(result)}`,
      );
      expect(result.lost).toBe(0);
      expect(result.delivered).toBe(300);
      // NOTE: Teams has no idempotent send. Only a kill after Teams accepted a send and before
      // its done mark was written repeats it, and with one send at a time that is one message.
      expect(result.duplicates).toBeLessThanOrEqual(1);
    } finally {
      await connector.stop();
    }
  }, 40_000);
});

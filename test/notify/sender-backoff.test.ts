/**
 * The sender's loop when its store fails at once (a closed database, storage answering errors):
 * it must pause between passes, longer each time up to a cap, and log the outage once; and an
 * instance that does not lead wakes the one that does through the shared signal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';
import { Outbox } from '../../src/notify/outbox';
import { WakeSignal } from '../../src/notify/wake-signal';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { record } from '../reliability/record';
import { note } from '../support/notifications';
import type { SenderDeps } from '../../src/notify/sender';
import { makeSender } from '../support/sender';

/** A logger whose lines the test can read. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

function senderOn(kv: SqliteKvStore, extra: Partial<Omit<SenderDeps, 'transport'>> = {}) {
  const { log, lines } = capturedLog();
  const { sender, transport } = makeSender(kv, { log, ...extra });
  return { sender, transport, lines };
}

const store = () => {
  const db = openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-backoff-')));
  return { db, kv: new SqliteKvStore(db) };
};

describe('the sender when its store fails at once', () => {
  it('pauses between failed passes instead of spinning, and logs the outage once', async () => {
    const { db, kv } = store();
    db.close();
    const list = jest.spyOn(kv, 'list');
    const { sender, lines } = senderOn(kv, { errorPauseMs: { first: 400, max: 1000 } });
    sender.start();
    await new Promise((r) => setTimeout(r, 2000));
    await sender.stop();
    const passes = list.mock.calls.length;
    const logged = lines.filter((l) => /sender pass failed/.test(l.msg)).length;
    record({
      area: 'scale-out',
      check: 'sender whose store fails at once (closed database), for 2 s',
      tried: passes,
      held: logged === 1 ? passes : 0,
      expectation:
        'a pause (backoff with jitter, capped) after every failed pass; one log line for the outage',
      figures: { 'passes in 2 s': passes, 'log lines': logged },
    });
    // 400 ms, then 400 to 800, then 500 to 1000: four passes at most in two seconds.
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(passes).toBeLessThanOrEqual(5);
    expect(logged).toBe(1);
  });
});

describe('a follower that queues a notification', () => {
  it('wakes the leader through the shared signal: delivery does not wait for the idle re-read', async () => {
    const { kv } = store();
    const conversation = '19:w@thread.tacv2';
    const leader = senderOn(kv, {
      isLeader: async () => true,
      signal: new WakeSignal(kv, createLogger('silent')),
      signalPollMs: 100,
      idleMs: 30_000,
    });
    const followerOutbox = new Outbox(kv);
    const { sender: follower } = makeSender(kv, {
      outbox: followerOutbox,
      isLeader: async () => false,
      followerRecheckMs: 30_000,
      signal: new WakeSignal(kv, createLogger('silent')),
    });
    leader.sender.start();
    follower.start();
    // Both settle: the leader idle, the follower standing by.
    await new Promise((r) => setTimeout(r, 400));
    const queued = Date.now();
    await followerOutbox.enqueue(note('w1', { conversationId: conversation }));
    const until = Date.now() + 5000;
    while (leader.transport.keys().length === 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    const ms = Date.now() - queued;
    await leader.sender.stop();
    await follower.stop();
    expect(leader.transport.keys()).toEqual(['w1']);
    expect(ms).toBeLessThan(1000);
  });

  it('wakes the leader also before its own first leadership check has answered', async () => {
    const { kv } = store();
    const leader = senderOn(kv, {
      isLeader: async () => true,
      signal: new WakeSignal(kv, createLogger('silent')),
      signalPollMs: 100,
      idleMs: 30_000,
    });
    leader.sender.start();
    await new Promise((r) => setTimeout(r, 400));
    const followerOutbox = new Outbox(kv);
    // Just started: its first question to the leadership has not been answered yet.
    const { sender: follower } = makeSender(kv, {
      outbox: followerOutbox,
      isLeader: () => new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
      signal: new WakeSignal(kv, createLogger('silent')),
    });
    follower.start();
    const queued = Date.now();
    await followerOutbox.enqueue(note('w2', { conversationId: '19:w2@thread.tacv2' }));
    const until = Date.now() + 2500;
    while (leader.transport.keys().length === 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    const ms = Date.now() - queued;
    await leader.sender.stop();
    await follower.stop();
    expect(leader.transport.keys()).toEqual(['w2']);
    expect(ms).toBeLessThan(1000);
  });
});

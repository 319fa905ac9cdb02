import { Outbox } from '../../src/notify/outbox';
import { ParkedNotifications } from '../../src/notify/outbox-parked';
import type { KvStore } from '../../src/storage/kv-store';
import { note } from '../support/notifications';

/** The store as a process sees it that dies after `n` more writes (later calls throw). */
export function stopAfterWrites(kv: KvStore, n: number): KvStore {
  let left = n;
  const dead = () => {
    if (left-- <= 0) throw new Error('process died');
  };
  return {
    read: (k) => kv.read(k),
    list: (p) => kv.list(p),
    ping: () => kv.ping(),
    write: async (k, v, o) => (dead(), kv.write(k, v, o)),
    delete: async (k, o) => (dead(), kv.delete(k, o)),
  };
}

/**
 * What every outbox shows whatever store holds it. `make` gives a fresh, empty store each test.
 */
export function outboxContract(name: string, make: () => Promise<KvStore>): void {
  describe(`${name}: the durable outbox`, () => {
    let kv: KvStore;
    let clock: number;
    let outbox: Outbox;
    beforeEach(async () => {
      kv = await make();
      clock = Date.parse('2026-03-01T10:00:00Z');
      outbox = new Outbox(kv, { now: () => new Date(clock), maxPending: 5 });
    });

    it('keeps notifications in the order they were enqueued', async () => {
      for (const k of ['c', 'a', 'b']) expect(await outbox.enqueue(note(k))).toBe(true);
      expect((await outbox.pending()).map((p) => p.notification.key)).toEqual(['c', 'a', 'b']);
      expect((await outbox.pending(2)).map((p) => p.notification.key)).toEqual(['c', 'a']);
    });

    it('refuses a key it holds, and the same key after delivery, keeping the activity id', async () => {
      expect(await outbox.enqueue(note('alert/1'))).toBe(true);
      expect(await outbox.enqueue(note('alert/1'))).toBe(false);
      const [item] = await outbox.pending();
      await outbox.markDone(item, 'activity-42');
      expect(await outbox.pending()).toEqual([]);
      expect(await outbox.enqueue(note('alert/1'))).toBe(false);
      expect((await outbox.status('alert/1'))?.activityId ?? null).toBe('activity-42');
      expect(await outbox.status('alert/1')).toMatchObject({
        status: 'done',
        activityId: 'activity-42',
        attempts: 1,
        conversationId: '19:ops@thread.tacv2',
      });
    });

    it('prunes keys finished before a date, never a pending one', async () => {
      await outbox.enqueue(note('old'));
      await outbox.enqueue(note('waiting'));
      const [old] = await outbox.pending(1);
      await outbox.markDone(old, 'activity-1');
      clock += 100 * 86_400_000;
      await outbox.enqueue(note('recent'));
      const [, recent] = await outbox.pending();
      await outbox.markDone(recent, 'activity-2');
      expect(await outbox.prune(new Date(clock - 86_400_000))).toBe(1);
      expect(await outbox.status('old')).toBeNull();
      expect(await outbox.status('waiting')).toMatchObject({ status: 'pending' });
      expect(await outbox.status('recent')).toMatchObject({ status: 'done' });
    });

    it('records attempts and the next attempt time on the stored entry', async () => {
      await outbox.enqueue(note('k'));
      const [item] = await outbox.pending();
      await outbox.retryLater(item, '429 throttled', clock + 5000);
      const [again] = await new Outbox(kv).pending();
      expect(again).toMatchObject({ attempts: 1, nextAttemptAt: clock + 5000 });
      expect(again.lastError).toBe('429 throttled');
    });

    it('gives up with a reason and still refuses the key afterwards', async () => {
      await outbox.enqueue(note('gone'));
      const [item] = await outbox.pending();
      await outbox.giveUp(item, 'dropped', '403 BotNotInConversationRoster');
      expect(await outbox.pending()).toEqual([]);
      expect(await outbox.status('gone')).toMatchObject({
        status: 'dropped',
        reason: '403 BotNotInConversationRoster',
      });
      expect((await outbox.status('gone'))?.activityId ?? null).toBeNull();
      expect(await outbox.enqueue(note('gone'))).toBe(false);
    });

    it('refuses with outbox_full past its cap, and takes more once some are sent', async () => {
      for (let i = 0; i < 5; i++) await outbox.enqueue(note(`k${i}`));
      await expect(outbox.enqueue(note('k5'))).rejects.toMatchObject({ code: 'outbox_full' });
      const [first] = await outbox.pending(1);
      await outbox.markDone(first, 'a1');
      expect(await outbox.enqueue(note('k5'))).toBe(true);
    });

    it('refuses an invalid notification with the reason', async () => {
      await expect(
        outbox.enqueue(note('u', { kind: 'update', replaces: undefined })),
      ).rejects.toMatchObject({ code: 'request_invalid', message: /replaces/ });
      await expect(outbox.enqueue(note('bad key with spaces'))).rejects.toMatchObject({
        code: 'request_invalid',
      });
    });

    it('lets exactly one of two racing enqueues of a key win', async () => {
      const results = await Promise.all([outbox.enqueue(note('r')), outbox.enqueue(note('r'))]);
      expect(results.sort()).toEqual([false, true]);
      expect(await outbox.pending()).toHaveLength(1);
    });

    it('does not send again an entry whose key was marked done before a crash removed it', async () => {
      await outbox.enqueue(note('half'));
      const [item] = await outbox.pending();
      // A crash between markDone's two writes: the record says done, the entry is still there.
      const record = (await kv.read('outbox/keys/half'))!.value as object;
      await kv.write('outbox/keys/half', { ...record, status: 'done', activityId: 'x' });
      expect(await outbox.pending()).toEqual([]);
      expect(await kv.read(item.slot)).toBeNull();
    });

    it('loses nothing when an enqueue stops between its two writes, at any timing and with no retry', async () => {
      // The process dies after the enqueue's first write: its second never happens.
      const dying = stopAfterWrites(kv, 1);
      await expect(
        new Outbox(dying, { now: () => new Date(clock) }).enqueue(note('torn')),
      ).rejects.toThrow('process died');
      // A restart at once (no 30 s grace to wait out) finds it, and sends it once.
      const restarted = new Outbox(kv, { now: () => new Date(clock) });
      const items = await restarted.pending();
      expect(items.map((p) => p.notification.key)).toEqual(['torn']);
      expect(await restarted.status('torn')).toMatchObject({ status: 'pending' });
      await restarted.markDone(items[0], 'activity-1');
      expect(await restarted.enqueue(note('torn'))).toBe(false);
      expect(await restarted.pending()).toEqual([]);
    });

    it('keeps one entry when a stopped enqueue is retried by its caller', async () => {
      await expect(new Outbox(stopAfterWrites(kv, 1)).enqueue(note('twice'))).rejects.toThrow();
      clock += 1000;
      expect(await outbox.enqueue(note('twice'))).toBe(true);
      expect((await outbox.pending()).map((p) => p.notification.key)).toEqual(['twice']);
      expect(await kv.list('outbox/pending/')).toHaveLength(1);
    });

    it('parks what it gives up with its card, lists it for an operator and queues it again', async () => {
      const parked = new ParkedNotifications(kv, () => new Date(clock));
      await outbox.enqueue(note('sg-1', { syncGroup: 'rg/sss/finance' }));
      const [item] = await outbox.pending();
      await outbox.giveUp(
        { ...item, attempts: 8, lastError: '500 Status500 Internal' },
        'failed',
        'gave up after 8 attempts: 500 Status500 Internal',
      );
      expect(await parked.counts()).toEqual({ failed: 1, dropped: 0 });
      expect(await parked.list()).toEqual([
        {
          key: 'sg-1',
          outcome: 'failed',
          conversationId: '19:ops@thread.tacv2',
          syncGroup: 'rg/sss/finance',
          attempts: 8,
          lastError: '500 Status500 Internal',
          at: new Date(clock).toISOString(),
        },
      ]);
      await parked.retry('sg-1');
      expect(await parked.counts()).toEqual({ failed: 0, dropped: 0 });
      const [again] = await new Outbox(kv).pending();
      expect(again).toMatchObject({
        attempts: 0,
        notification: { key: 'sg-1', card: item.notification.card },
      });
      await outbox.markDone(again, 'activity-9');
      expect((await outbox.status('sg-1'))?.activityId ?? null).toBe('activity-9');
      await expect(parked.retry('sg-1')).rejects.toMatchObject({ code: 'request_invalid' });
    });

    it('re-queues every parked notification with --all semantics, dropped ones included', async () => {
      const parked = new ParkedNotifications(kv, () => new Date(clock));
      for (const k of ['p1', 'p2']) await outbox.enqueue(note(k));
      const [a, b] = await outbox.pending();
      await outbox.giveUp(a, 'failed', '500');
      await outbox.giveUp(b, 'dropped', 'ConversationReferenceMissing');
      expect((await parked.retryAll()).sort()).toEqual(['p1', 'p2']);
      expect((await outbox.pending()).map((p) => p.notification.key).sort()).toEqual(['p1', 'p2']);
      expect(await parked.list()).toEqual([]);
    });

    it('keeps FIFO order for keys holding slashes and colons, across a new instance', async () => {
      const keys = ['sg/rg1/svc/g1:fired:2026-03-01', 'sg/rg1/svc/g1:resolved', 'x@y#1'];
      for (const k of keys) await outbox.enqueue(note(k));
      expect((await new Outbox(kv).pending()).map((p) => p.notification.key)).toEqual(keys);
    });
  });
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metrics } from '../../src/metrics';
import { Outbox } from '../../src/notify/outbox';
import { ParkedNotifications } from '../../src/notify/outbox-parked';
import { TransportError } from '../../src/notify/transport';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { note } from '../support/notifications';
import { makeSender } from '../support/sender';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const CONV = '19:ops@thread.tacv2';

function ref(conversationId: string) {
  return {
    bot: { id: '28:bot' },
    channelId: 'msteams',
    conversation: { id: conversationId },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  };
}

async function setup() {
  const kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-sender-'))));
  const clock = { t: T0 };
  const now = () => clock.t;
  const metrics = new Metrics(false);
  const { outbox, transport, refs, subscriptions, sender } = makeSender(kv, {
    outbox: new Outbox(kv, { now: () => new Date(clock.t) }),
    metrics,
    now,
    random: () => 1,
  });
  return { kv, clock, outbox, transport, refs, subscriptions, metrics, sender };
}

const counter = async (m: Metrics, result: string) =>
  (await m.notifications.get()).values.find((v) => v.labels.result === result)?.value ?? 0;

describe('the notification sender', () => {
  it('delivers in FIFO order and marks each key done with its activity id', async () => {
    const { outbox, transport, sender, metrics } = await setup();
    for (const k of ['a', 'b', 'c']) await outbox.enqueue(note(k));
    const report = await sender.drainOnce();
    expect(report).toEqual({ delivered: 3, nextAt: null });
    expect(transport.keys()).toEqual(['a', 'b', 'c']);
    expect((await outbox.status('b'))?.activityId ?? null).toBe(transport.calls[1].activityId);
    expect(await outbox.pending()).toEqual([]);
    expect(await counter(metrics, 'delivered')).toBe(3);
  });

  it('keeps to seven sends a second in one conversation and sends the rest when the window moves', async () => {
    const { outbox, transport, sender, clock } = await setup();
    for (let i = 0; i < 10; i++) await outbox.enqueue(note(`k${i}`));
    const first = await sender.drainOnce();
    expect(first).toEqual({ delivered: 7, nextAt: T0 + 1000 });
    clock.t = T0 + 1000;
    // 8 per 2 s: only one more fits until T0 + 2000.
    expect(await sender.drainOnce()).toEqual({ delivered: 1, nextAt: T0 + 2000 });
    clock.t = T0 + 2000;
    expect((await sender.drainOnce()).delivered).toBe(2);
    expect(transport.keys()).toEqual([...Array(10)].map((_, i) => `k${i}`));
  });

  it('sends to other conversations while one waits for its limit', async () => {
    const { outbox, transport, sender } = await setup();
    for (let i = 0; i < 9; i++) await outbox.enqueue(note(`a${i}`, { conversationId: 'A' }));
    await outbox.enqueue(note('b0', { conversationId: 'B' }));
    await sender.drainOnce();
    expect(transport.keys('A')).toHaveLength(7);
    expect(transport.keys('B')).toEqual(['b0']);
  });

  it('retries a 429 no sooner than Retry-After, and holds that conversation’s later messages', async () => {
    const { outbox, transport, sender, clock, metrics } = await setup();
    transport.failNext(CONV, new TransportError('throttled', 429, 'Throttled', 7000));
    await outbox.enqueue(note('first'));
    await outbox.enqueue(note('second'));
    await outbox.enqueue(note('other', { conversationId: 'B' }));
    expect(await sender.drainOnce()).toEqual({ delivered: 1, nextAt: T0 + 7000 });
    expect(transport.keys()).toEqual(['other']);
    expect((await outbox.pending())[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 7000 });
    clock.t = T0 + 6999;
    expect((await sender.drainOnce()).delivered).toBe(0);
    clock.t = T0 + 7000;
    expect((await sender.drainOnce()).delivered).toBe(2);
    expect(transport.keys(CONV)).toEqual(['first', 'second']);
    expect(await counter(metrics, 'retry')).toBe(1);
  });

  it('backs off exponentially on 502, 504, 412 and network errors, then marks the message failed', async () => {
    const { outbox, transport, sender, clock, metrics } = await setup();
    const errs = [
      new TransportError('bad gateway', 502),
      new TransportError('timeout', 504),
      new TransportError('precondition', 412),
      ...[...Array(5)].map(() => new TransportError('ECONNRESET')),
    ];
    transport.failNext(CONV, ...errs);
    await outbox.enqueue(note('doomed'));
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const { nextAt } = await sender.drainOnce();
      if (nextAt === null) break;
      waits.push(nextAt - clock.t);
      clock.t = nextAt;
    }
    // random() = 1: the whole step; 1 s doubling to the 60 s cap.
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000]);
    expect(transport.calls).toEqual([]);
    expect(await outbox.status('doomed')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/gave up after 8 attempts/),
    });
    expect(await counter(metrics, 'failed')).toBe(1);
  });

  it('retries a 500 from the connector with backoff and delivers once it recovers', async () => {
    const { outbox, transport, sender, clock } = await setup();
    transport.failNext(
      CONV,
      new TransportError('internal', 500),
      new TransportError('internal', 500),
    );
    await outbox.enqueue(note('flaky'));
    expect(await sender.drainOnce()).toEqual({ delivered: 0, nextAt: T0 + 1000 });
    clock.t = T0 + 1000;
    expect(await sender.drainOnce()).toEqual({ delivered: 0, nextAt: T0 + 3000 });
    clock.t = T0 + 3000;
    expect((await sender.drainOnce()).delivered).toBe(1);
    expect(await outbox.status('flaky')).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('parks a notification still failing after its last attempt: logged, listed, counted in /metrics', async () => {
    const { kv, outbox, transport, sender, clock, metrics } = await setup();
    const parked = new ParkedNotifications(kv);
    metrics.parkedSource = () => parked.counts();
    transport.failNext(
      CONV,
      ...[...Array(8)].map(() => new TransportError('internal', 500, 'Status500')),
    );
    await outbox.enqueue(note('doomed-500', { syncGroup: 'rg/sss/finance' }));
    for (let i = 0; i < 8; i++) {
      const { nextAt } = await sender.drainOnce();
      if (nextAt === null) break;
      clock.t = nextAt;
    }
    expect(await outbox.status('doomed-500')).toMatchObject({ status: 'failed', attempts: 8 });
    expect(await parked.list()).toEqual([
      expect.objectContaining({
        key: 'doomed-500',
        conversationId: CONV,
        syncGroup: 'rg/sss/finance',
        attempts: 8,
        lastError: '500 Status500 internal',
      }),
    ]);
    expect(await metrics.text()).toMatch(/^afsbot_notifications_parked\{outcome="failed"\} 1$/m);
  });

  it('fails a message Teams refuses (400, 413) at once, and goes on with the next', async () => {
    const { outbox, transport, sender } = await setup();
    transport.failNext(CONV, new TransportError('too big', 413, 'MessageSizeTooBig'));
    await outbox.enqueue(note('big'));
    await outbox.enqueue(note('fine'));
    await sender.drainOnce();
    expect(await outbox.status('big')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(transport.keys()).toEqual(['fine']);
  });

  it('on 403 BotNotInConversationRoster drops the conversation’s messages, reference and subscriptions', async () => {
    const { outbox, transport, sender, refs, subscriptions } = await setup();
    await refs.save(ref(CONV), new Date(T0));
    await refs.save(ref('B'), new Date(T0));
    const target = { resourceGroup: 'rg', service: 'svc', group: 'g' };
    for (const conversationId of [CONV, 'B'])
      await subscriptions.add({ conversationId, target, by: { id: 'u' }, at: 'now' });
    transport.failNext(CONV, new TransportError('gone', 403, 'BotNotInConversationRoster'));
    for (const k of ['x1', 'x2', 'x3']) await outbox.enqueue(note(k));
    await outbox.enqueue(note('b1', { conversationId: 'B' }));
    await sender.drainOnce();
    expect(transport.keys()).toEqual(['b1']);
    for (const k of ['x1', 'x2', 'x3'])
      expect(await outbox.status(k)).toMatchObject({ status: 'dropped' });
    expect(await refs.get(CONV)).toBeNull();
    expect(await subscriptions.ofConversation(CONV)).toEqual([]);
    expect(await refs.get('B')).not.toBeNull();
    expect(await subscriptions.ofConversation('B')).toHaveLength(1);
  });

  it('drops for ConversationBlockedByUser too', async () => {
    const { outbox, transport, sender, refs } = await setup();
    await refs.save(ref(CONV), new Date(T0));
    transport.failNext(CONV, new TransportError('blocked', 403, 'ConversationBlockedByUser'));
    await outbox.enqueue(note('x'));
    await sender.drainOnce();
    expect(await outbox.status('x')).toMatchObject({ status: 'dropped' });
    expect(await refs.get(CONV)).toBeNull();
  });

  it('updates the message its send posted, by the recorded activity id, never before the send', async () => {
    const { outbox, transport, sender, clock } = await setup();
    transport.failNext(CONV, new TransportError('busy', 429, undefined, 3000));
    await outbox.enqueue(note('open'));
    await outbox.enqueue(note('resolved', { kind: 'update', replaces: 'open' }));
    expect((await sender.drainOnce()).delivered).toBe(0);
    clock.t += 3000;
    await sender.drainOnce();
    expect(transport.calls.map((c) => [c.op, c.key])).toEqual([
      ['send', 'open'],
      ['update', 'resolved'],
    ]);
    expect(transport.calls[1].activityId).toBe(transport.calls[0].activityId);
    expect((await outbox.status('resolved'))?.activityId ?? null).toBe(
      transport.calls[0].activityId,
    );
  });

  it('posts an update as a new message when its send was never delivered', async () => {
    const { outbox, transport, sender } = await setup();
    transport.failNext(CONV, new TransportError('bad', 400, 'BadArgument'));
    await outbox.enqueue(note('open'));
    await outbox.enqueue(note('resolved', { kind: 'update', replaces: 'open' }));
    await sender.drainOnce();
    expect(transport.calls.map((c) => [c.op, c.key])).toEqual([['send', 'resolved']]);
  });

  it('drains in the background once started, wakes on enqueue and stops cleanly', async () => {
    const { kv, outbox, transport } = await setup();
    // A real clock here: the loop sleeps for real.
    const { sender: live } = makeSender(kv, { outbox, transport, idleMs: 60_000 });
    live.start();
    await outbox.enqueue(note('woken'));
    for (let i = 0; i < 50 && transport.calls.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await live.stop();
    expect(transport.keys()).toEqual(['woken']);
  });

  it('sends nothing while another instance leads, and drains once it leads', async () => {
    const { kv, outbox, transport } = await setup();
    let leads = false;
    let asked = 0;
    const { sender: follower } = makeSender(kv, {
      outbox,
      transport,
      isLeader: async () => {
        asked++;
        return leads;
      },
    });
    follower.start();
    await outbox.enqueue(note('held'));
    await new Promise((r) => setTimeout(r, 100));
    expect(asked).toBeGreaterThan(0);
    expect(transport.calls).toHaveLength(0);
    leads = true;
    follower.wake();
    for (let i = 0; i < 50 && transport.calls.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await follower.stop();
    expect(transport.keys()).toEqual(['held']);
  });

  it('survives a pass that throws (store down) and delivers afterwards', async () => {
    const { outbox, transport, sender } = await setup();
    await outbox.enqueue(note('k'));
    const pending = outbox.pending.bind(outbox);
    let calls = 0;
    outbox.pending = async (limit?: number) => {
      if (calls++ === 0) throw new Error('storage_unavailable');
      return pending(limit);
    };
    await expect(sender.drainOnce()).rejects.toThrow('storage_unavailable');
    sender.wake();
    expect((await sender.drainOnce()).delivered).toBe(1);
    expect(transport.keys()).toEqual(['k']);
  });
});

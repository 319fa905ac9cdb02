import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertNotifier } from '../../src/notify/alert-notifier';
import { CommonAlert } from '../../src/notify/alert-schema';
import { Subscriptions } from '../../src/notify/subscriptions';
import { parseTarget } from '../../src/health/sync-group-target';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { validateCard } from '../support/validate-card';
import { RecordingQueue } from './recording-queue';

const fired = CommonAlert.parse(
  JSON.parse(
    readFileSync(
      join(__dirname, '..', 'fixtures', 'alerts', 'sync-session-result-fired.json'),
      'utf8',
    ),
  ),
);
const resolved = CommonAlert.parse({
  ...fired,
  data: {
    ...fired.data,
    essentials: {
      ...fired.data.essentials,
      monitorCondition: 'Resolved',
      resolvedDateTime: '2026-11-21T09:02:00.000Z',
    },
  },
});
const at = new Date('2026-11-21T08:15:00Z');

async function setup() {
  const kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-alerts-'))));
  const subscriptions = new Subscriptions(kv);
  const add = (conversationId: string, target: string) =>
    subscriptions.add({
      conversationId,
      target: parseTarget(target),
      by: { id: 'u1' },
      at: at.toISOString(),
    });
  await add('19:finance@thread.tacv2', 'rg-files/sss-prod/sg-finance');
  await add('a:personal-ops', 'RG-Files/SSS-Prod/SG-Finance');
  await add('19:legal@thread.tacv2', 'rg-files/sss-prod/sg-legal');
  await add('19:other@thread.tacv2', 'rg-other/sss-test/sg-finance');
  const queue = new RecordingQueue();
  return { queue, notifier: new AlertNotifier(subscriptions, queue, kv) };
}

describe('alerts to notifications', () => {
  it('sends a fired alert to the chats following the sync group it names, and nobody else', async () => {
    const { queue, notifier } = await setup();
    expect(await notifier.notify(fired, at)).toBe(2);
    expect(queue.items.map((n) => n.conversationId).sort()).toEqual([
      '19:finance@thread.tacv2',
      'a:personal-ops',
    ]);
    const card = queue.items[0].card;
    expect(validateCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('afs-sync-session-failing');
    expect(text).toContain('ServerSyncSessionResult = 0');
    expect(text).toContain('SyncGroupName sg-finance');
  });

  it('queues nothing twice when Azure Monitor posts the same alert again', async () => {
    const { queue, notifier } = await setup();
    await notifier.notify(fired, at);
    expect(await notifier.notify(fired, at)).toBe(0);
    expect(queue.items).toHaveLength(2);
  });

  it('replaces each fired card by its resolved state', async () => {
    const { queue, notifier } = await setup();
    await notifier.notify(fired, at);
    expect(await notifier.notify(resolved, at)).toBe(2);
    const [first] = queue.items;
    const update = queue.items.find(
      (n) => n.kind === 'update' && n.conversationId === first.conversationId,
    )!;
    expect(update.replaces).toBe(first.key);
    expect(JSON.stringify(update.card)).toContain('Resolved at 2026-11-21 09:02:00 UTC');
    expect(validateCard(update.card)).toEqual([]);
  });

  it('queues nothing for a Fired that arrives after its own Resolved', async () => {
    const { queue, notifier } = await setup();
    expect(await notifier.notify(resolved, at)).toBe(2);
    expect(await notifier.notify(fired, at)).toBe(0);
    expect(queue.items.map((n) => n.kind)).toEqual(['update', 'update']);
    expect(queue.items.every((n) => JSON.stringify(n.card).includes('Resolved at'))).toBe(true);
  });

  it('orders by the alert’s own times, not by arrival: a Resolved older than the Fired stored is ignored', async () => {
    const { queue, notifier } = await setup();
    const refired = CommonAlert.parse({
      ...fired,
      data: {
        ...fired.data,
        essentials: { ...fired.data.essentials, firedDateTime: '2026-11-21T10:00:00.000Z' },
      },
    });
    expect(await notifier.notify(refired, at)).toBe(2);
    // The Resolved (09:02) of the firing before arrives late.
    expect(await notifier.notify(resolved, at)).toBe(0);
    expect(queue.items.map((n) => n.kind)).toEqual(['send', 'send']);
  });

  it('goes to every followed sync group of the service when the alert names none', async () => {
    const { queue, notifier } = await setup();
    const serviceWide = CommonAlert.parse({
      ...fired,
      data: {
        ...fired.data,
        essentials: { ...fired.data.essentials, alertId: 'x-1' },
        alertContext: null,
      },
    });
    expect(await notifier.notify(serviceWide, at)).toBe(3);
    expect(queue.items.map((n) => n.conversationId)).not.toContain('19:other@thread.tacv2');
  });

  it('ignores an alert on a resource that is not a Storage Sync Service', async () => {
    const { queue, notifier } = await setup();
    const vm = CommonAlert.parse({
      ...fired,
      data: {
        ...fired.data,
        essentials: {
          ...fired.data.essentials,
          alertTargetIDs: [
            '/subscriptions/s/resourceGroups/rg-files/providers/Microsoft.Compute/virtualMachines/fs01',
          ],
        },
      },
    });
    expect(await notifier.notify(vm, at)).toBe(0);
    expect(queue.items).toEqual([]);
  });
});

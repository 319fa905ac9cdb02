import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS } from '../../src/notify/outbox';
import { TransportError } from '../../src/notify/transport';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { countingStore } from '../support/counting-store';
import { makeSender } from '../support/sender';
import { note } from '../support/notifications';

function rig() {
  const kv = countingStore(
    new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-reads-')))),
  );
  return { kv, ...makeSender(kv) };
}

describe('what one delivery reads from the store', () => {
  it('reads the key record of a send once, from taking it off the queue to its done mark', async () => {
    const { kv, outbox, sender, transport } = rig();
    await outbox.enqueue(note('s1'));
    kv.reset();
    expect(await sender.drainOnce()).toMatchObject({ delivered: 1 });
    expect(kv.reads(KEYS + 's1')).toBe(1);
    expect(kv.writes(KEYS + 's1')).toBe(1);
    expect(await outbox.status('s1')).toMatchObject({
      status: 'done',
      activityId: transport.calls[0].activityId,
    });
  });

  it('reads an update’s own record once and the record of the send it replaces once', async () => {
    const { kv, outbox, sender, transport } = rig();
    await outbox.enqueue(note('open'));
    await sender.drainOnce();
    await outbox.enqueue(note('resolved', { kind: 'update', replaces: 'open' }));
    kv.reset();
    expect(await sender.drainOnce()).toMatchObject({ delivered: 1 });
    expect(kv.reads(KEYS + 'resolved')).toBe(1);
    expect(kv.reads(KEYS + 'open')).toBe(1);
    expect(transport.calls.map((c) => [c.op, c.key, c.activityId])).toEqual([
      ['send', 'open', transport.calls[0].activityId],
      ['update', 'resolved', transport.calls[0].activityId],
    ]);
    expect(await outbox.status('resolved')).toMatchObject({ status: 'done', kind: 'update' });
  });

  it('reads the key record once for a notification given up, and keeps what the claim wrote', async () => {
    const { kv, outbox, sender, transport } = rig();
    await outbox.enqueue(note('bad', { syncGroup: 'rg/svc/group' }));
    transport.failNext('19:ops@thread.tacv2', new TransportError('bad', 400, 'BadArgument'));
    kv.reset();
    await sender.drainOnce();
    expect(kv.reads(KEYS + 'bad')).toBe(1);
    expect(await outbox.status('bad')).toMatchObject({
      status: 'failed',
      syncGroup: 'rg/svc/group',
      kind: 'send',
      attempts: 1,
    });
  });
});

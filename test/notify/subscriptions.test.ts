import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subscriptions } from '../../src/notify/subscriptions';
import { parseTarget, targetKey } from '../../src/health/sync-group-target';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';

const subs = () =>
  new Subscriptions(new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-subs-')))));
const target = parseTarget('rg-files/sss-prod/sg-finance');
const sub = (conversationId: string, t = target) => ({
  conversationId,
  target: t,
  by: { id: 'u1', name: 'Ada' },
  at: '2026-11-22T00:00:00.000Z',
});

describe('sync group targets', () => {
  it('reads rg/service/group and a sync group resource id alike', () => {
    const arm = parseTarget(
      '/subscriptions/0000/resourceGroups/rg-files/providers/Microsoft.StorageSync/storageSyncServices/sss-prod/syncGroups/sg-finance',
    );
    expect(targetKey(arm)).toBe(targetKey(target));
  });

  it.each(['', 'rg/sss', 'rg/sss/sg/extra', 'rg/s s/sg', 'rg/<b>/sg'])(
    'refuses %j with the form to use',
    (t) => {
      expect(() => parseTarget(t)).toThrow(/resource-group\/storage-sync-service\/sync-group/);
    },
  );
});

describe('subscriptions', () => {
  it('subscribes once, lists by conversation and by sync group, unsubscribes', async () => {
    const s = subs();
    expect(await s.add(sub('19:a@thread.tacv2'))).toBe(true);
    expect(await s.add(sub('19:a@thread.tacv2'))).toBe(false);
    await s.add(sub('19:b@thread.tacv2'));
    await s.add(sub('19:a@thread.tacv2', parseTarget('rg-files/sss-prod/sg-hr')));
    expect((await s.ofConversation('19:a@thread.tacv2')).map((x) => x.target.group)).toEqual([
      'sg-finance',
      'sg-hr',
    ]);
    expect(
      (await s.ofTarget(parseTarget('RG-FILES/sss-prod/SG-FINANCE')))
        .map((x) => x.conversationId)
        .sort(),
    ).toEqual(['19:a@thread.tacv2', '19:b@thread.tacv2']);
    expect(await s.remove('19:a@thread.tacv2', target)).toBe(true);
    expect(await s.remove('19:a@thread.tacv2', target)).toBe(false);
    expect((await s.ofTarget(target)).map((x) => x.conversationId)).toEqual(['19:b@thread.tacv2']);
  });
});

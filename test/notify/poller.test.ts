import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  DirectionHealth,
  EndpointHealth,
  HealthProvider,
  SyncGroupHealth,
} from '../../src/health/types';
import { AppError } from '../../src/errors';
import { loadIndex } from '../../src/knowledge/load';
import { createLogger } from '../../src/log';
import { Matcher } from '../../src/matching/ask';
import { PollState } from '../../src/notify/poll-state';
import { Poller, openKey } from '../../src/notify/poller';
import { Subscriptions } from '../../src/notify/subscriptions';
import { parseTarget } from '../../src/health/sync-group-target';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import type { KvStore } from '../../src/storage/kv-store';
import { validateCard } from '../support/validate-card';
import { RecordingQueue } from './recording-queue';

const matcher = new Matcher(loadIndex());
/** The entry a poller would show for a code: the session-error entry first. */
const explain = (hex: string) => {
  const hits = matcher.book.byHex.get(hex) ?? [];
  return (hits.find((h) => h.entry.kind === 'session-error') ?? hits[0])?.entry;
};

const target = parseTarget('rg-files/sss-prod/sg-finance');
const HOUR = 3_600_000;

const ok = (): DirectionHealth => ({
  health: 'Healthy',
  lastSyncResult: 0,
  lastSyncTimestamp: '2026-11-22T08:00:00Z',
  lastSyncSuccessTimestamp: '2026-11-22T08:00:00Z',
  lastSyncPerItemErrorCount: 0,
  persistentFilesNotSyncingCount: 0,
  transientFilesNotSyncingCount: 0,
  filesNotSyncingErrors: [],
  progress: null,
});
const failing = (code: number, lastSuccess = '2026-11-22T07:00:00Z'): DirectionHealth => ({
  ...ok(),
  health: 'Error',
  lastSyncResult: code,
  lastSyncSuccessTimestamp: lastSuccess,
});
const endpoint = (name: string, upload = ok(), download = ok()): EndpointHealth => ({
  id: `/subscriptions/s/resourceGroups/rg-files/providers/Microsoft.StorageSync/storageSyncServices/sss-prod/syncGroups/sg-finance/serverEndpoints/${name}`,
  name,
  serverName: `${name}.contoso.com`,
  serverLocalPath: `D:\\shares\\${name}`,
  combinedHealth: upload.health === 'Error' || download.health === 'Error' ? 'Error' : 'Healthy',
  syncActivity: null,
  upload,
  download,
  lastUpdatedTimestamp: '2026-11-22T08:00:00Z',
});

/** A health API whose answer each test sets: the provider itself is tested against a fake ARM. */
class ScriptedHealth implements HealthProvider {
  readonly kind = 'http' as const;
  endpoints: EndpointHealth[] = [];
  fail: AppError | null = null;
  async syncGroup(): Promise<SyncGroupHealth> {
    if (this.fail) throw this.fail;
    return { target, endpoints: this.endpoints, fetchedAt: '2026-11-22T08:00:00Z' };
  }
}

function setup(
  kv: KvStore = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-poll-')))),
) {
  const health = new ScriptedHealth();
  const queue = new RecordingQueue();
  const subscriptions = new Subscriptions(kv);
  let now = new Date('2026-11-22T08:00:00Z');
  let leader = true;
  const make = () =>
    new Poller({
      health,
      subscriptions,
      state: new PollState(kv),
      queue,
      explain,
      isLeader: async () => leader,
      now: () => now,
      log: createLogger('silent'),
    });
  return {
    kv,
    health,
    queue,
    subscriptions,
    poller: make(),
    make,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    setLeader: (v: boolean) => (leader = v),
  };
}

const subscribe = (s: Subscriptions, conversationId: string) =>
  s.add({ conversationId, target, by: { id: 'u1' }, at: '2026-11-22T00:00:00.000Z' });

const json = (x: unknown) => JSON.stringify(x);
// 0x80c8305f needs action (the article says Yes): subscribers hear of it at once.
const NEEDS_ACTION = 0x80c8305f | 0;
// 0x80c8004c: no action required unless it lasts 6 hours (its article's own wait).
const TRANSIENT = 0x80c8004c | 0;

describe('the poller', () => {
  it('tells every subscriber of a failure that needs action at once, once, then updates the message on recovery', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    await subscribe(t.subscriptions, 'a:personal');
    t.health.endpoints = [endpoint('fs01', failing(NEEDS_ACTION)), endpoint('fs02')];

    const first = await t.poller.poll();
    expect(first).toMatchObject({
      targets: 1,
      endpoints: 2,
      failing: 1,
      opened: 1,
      notifications: 2,
    });
    expect(t.queue.items.map((n) => [n.kind, n.conversationId])).toEqual([
      ['send', '19:a@thread.tacv2'],
      ['send', 'a:personal'],
    ]);
    const card = t.queue.items[0].card;
    expect(validateCard(card)).toEqual([]);
    expect(json(card)).toContain('0x80c8305f');
    expect(json(card)).toContain('Upload failing on fs01.contoso.com');

    t.advance(HOUR);
    const again = await t.poller.poll();
    expect(again).toMatchObject({ failing: 1, opened: 0, notifications: 0 });
    expect(t.queue.items).toHaveLength(2);

    t.health.endpoints = [endpoint('fs01'), endpoint('fs02')];
    const recovered = await t.poller.poll();
    expect(recovered).toMatchObject({ failing: 0, resolved: 1, notifications: 2 });
    const updates = t.queue.items.slice(2);
    expect(updates.map((n) => [n.kind, n.replaces])).toEqual([
      ['update', t.queue.items[0].key],
      ['update', t.queue.items[1].key],
    ]);
    expect(json(updates[0].card)).toContain('Resolved at 2026-11-22 09:00:00 UTC');
    expect(validateCard(updates[0].card)).toEqual([]);
    expect(await t.kv.list('poll/')).toEqual([]);
  });

  it('waits as long as the article says before telling of a code that needs no action', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', ok(), failing(TRANSIENT))];
    expect((await t.poller.poll()).opened).toBe(0);
    t.advance(5 * HOUR);
    expect((await t.poller.poll()).opened).toBe(0);
    t.advance(HOUR);
    const late = await t.poller.poll();
    expect(late).toMatchObject({ opened: 1, notifications: 1 });
    expect(json(t.queue.items[0].card)).toContain('Download failing');
    expect(json(t.queue.items[0].card)).toContain('since 2026-11-22 08:00:00 UTC');
  });

  it('says nothing at all of a transient failure that clears before its wait', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', failing(TRANSIENT))];
    await t.poller.poll();
    t.advance(HOUR);
    t.health.endpoints = [endpoint('fs01')];
    const report = await t.poller.poll();
    expect(report).toMatchObject({ resolved: 1, notifications: 0 });
    expect(t.queue.items).toEqual([]);
  });

  it('closes the first message and opens another when the code changes', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', failing(NEEDS_ACTION))];
    await t.poller.poll();
    t.advance(HOUR);
    const unknown = 0x80c8ffff | 0;
    t.health.endpoints = [endpoint('fs01', failing(unknown))];
    const report = await t.poller.poll();
    expect(report).toMatchObject({ opened: 1, resolved: 1, notifications: 2 });
    const [, closed, opened] = t.queue.items;
    expect(closed.kind).toBe('update');
    expect(json(closed.card)).toContain('now failing with 0x80c8ffff');
    expect(opened.kind).toBe('send');
    // A code the knowledge lacks is told at once, with the general next steps.
    expect(json(opened.card)).toContain('The knowledge has no entry for this code');
    expect(validateCard(opened.card)).toEqual([]);
  });

  it('infers nothing from a health API that cannot be read', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', failing(NEEDS_ACTION))];
    await t.poller.poll();
    t.health.fail = new AppError('health_api_timeout', 'no answer in 3 s');
    const report = await t.poller.poll();
    expect(report.errors).toEqual([
      { target: 'rg-files/sss-prod/sg-finance', code: 'health_api_timeout' },
    ]);
    expect(report.resolved).toBe(0);
    expect(await t.kv.list('poll/')).toHaveLength(1);
  });

  it('repeats nothing after a restart: the episode and who was told are stored', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', failing(NEEDS_ACTION))];
    await t.poller.poll();
    const restarted = t.make();
    expect((await restarted.poll()).notifications).toBe(0);
    t.health.endpoints = [endpoint('fs01')];
    expect((await restarted.poll()).notifications).toBe(1);
    expect(t.queue.items[1].replaces).toBe(t.queue.items[0].key);
    expect(t.queue.items[0].key).toBe(
      openKey(t.queue.items[0].key.split(':')[1], '19:a@thread.tacv2'),
    );
  });

  it('polls only when this instance is the elected one', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', failing(NEEDS_ACTION))];
    t.setLeader(false);
    expect(await t.poller.cycle()).toBeNull();
    expect(t.queue.items).toEqual([]);
    t.setLeader(true);
    expect((await t.poller.cycle())?.opened).toBe(1);
  });

  it('reads each subscribed sync group once, however many conversations follow it', async () => {
    const t = setup();
    const other = parseTarget('rg-files/sss-prod/sg-legal');
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    await subscribe(t.subscriptions, '19:b@thread.tacv2');
    await t.subscriptions.add({
      conversationId: '19:a@thread.tacv2',
      target: other,
      by: { id: 'u1' },
      at: '2026-11-22T00:00:00.000Z',
    });
    expect((await t.subscriptions.targets()).map((x) => x.group).sort()).toEqual([
      'sg-finance',
      'sg-legal',
    ]);
    expect((await t.poller.poll()).targets).toBe(2);
  });
});

/** Every text a card shows, by element: TextBlocks by id, facts by title. */
function shown(card: Record<string, unknown>) {
  const body = card.body as {
    id?: string;
    text?: string;
    facts?: { title: string; value: string }[];
  }[];
  const facts = Object.fromEntries(
    body.flatMap((b) => b.facts ?? []).map((f) => [f.title, f.value]),
  );
  const text = Object.fromEntries(body.filter((b) => b.text).map((b) => [b.id, b.text!]));
  return { facts, text };
}

describe('the notification card the poller sends', () => {
  it('names the error beside its code, reads as sentences and ends on something to do', async () => {
    const t = setup();
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs01', failing(NEEDS_ACTION))];
    await t.poller.poll();
    const { facts, text } = shown(t.queue.items[0].card);
    expect(facts['Last result']).toBe(
      '0x80c8305f ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED',
    );
    expect(text.explanation).not.toMatch(/\.\./);
    expect(text.explanation).not.toMatch(/:\s*$/);
    expect(text.explanation).toMatch(/Show the answer for the steps to take\.$/);
  });

  it('shows fact values as written, with no markdown escapes a client would print', async () => {
    const kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-poll-'))));
    const t = setup(kv);
    await subscribe(t.subscriptions, '19:a@thread.tacv2');
    t.health.endpoints = [endpoint('fs-check_01', failing(NEEDS_ACTION))];
    await t.poller.poll();
    const { facts } = shown(t.queue.items[0].card);
    expect(facts['Sync group']).toBe('rg-files/sss-prod/sg-finance');
    expect(facts['Server endpoint']).toBe('fs-check_01.contoso.com (D:\\shares\\fs-check_01)');
  });
});

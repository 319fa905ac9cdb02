import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createHealthProvider } from '../../src/health';
import { createLogger } from '../../src/log';
import { Outbox } from '../../src/notify/outbox';
import { wireNotifications } from '../../src/notify/notifications';
import { Subscriptions } from '../../src/notify/subscriptions';
import { WAKE_KEY } from '../../src/notify/wake-signal';
import { parseTarget } from '../../src/health/sync-group-target';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { failingEndpoint, startFakeArm, type FakeArm } from '../support/fake-arm';
import { countingStore } from '../support/counting-store';
import { FakeTransport } from '../support/fake-transport';

const TOKEN = 'wake-path-token';
let arm: FakeArm;

beforeAll(async () => {
  arm = await startFakeArm({
    token: TOKEN,
    groups: { finance: { endpoints: [failingEndpoint('ep-fs01', -2134364065)] } },
  });
});
afterAll(() => arm.stop());

/** Resolves once `f` holds, or after `ms`. */
async function until(f: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !f() && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 10));
}

describe('how the sender learns of new notifications', () => {
  it('is woken once per notification a poll queues: the instance that does not send signals the one that does once', async () => {
    const kv = countingStore(
      new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-wake-')))),
    );
    const log = createLogger('silent');
    const subscriptions = new Subscriptions(kv);
    const config = loadConfig({
      HEALTH_PROVIDER: 'http',
      HEALTH_API_URL: arm.url,
      HEALTH_API_TOKEN: TOKEN,
    });
    const { poller } = wireNotifications({
      kv,
      outbox: new Outbox(kv),
      transport: new FakeTransport(Date.now),
      refs: new ConversationRefs(kv),
      subscriptions,
      health: createHealthProvider(config, log),
      explain: () => undefined,
      // This instance follows: what it queues, it signals to the leader.
      leadership: { isLeader: async () => false, recheckMs: 60_000 },
      shared: true,
      log,
    });
    await subscriptions.add({
      conversationId: '19:ops@thread.tacv2',
      target: parseTarget('rg-files/sss-contoso/finance'),
      by: { id: '29:user-1' },
      at: new Date().toISOString(),
    });
    // The poller asks the leadership too: a follower does not poll, so this cycle is forced.
    expect(await poller.poll()).toMatchObject({ opened: 1, notifications: 1 });
    await until(() => kv.writes(WAKE_KEY) > 0, 2000);
    // A second wake-up path would show as a second signal write shortly after.
    await new Promise((r) => setTimeout(r, 200));
    expect(kv.writes(WAKE_KEY)).toBe(1);
  });
});

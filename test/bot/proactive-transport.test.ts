import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProactiveTransport, retryAfterMs } from '../../src/bot/proactive-transport';
import { loadConfig } from '../../src/config';
import { NO_REFERENCE, type ProactiveTransport } from '../../src/notify/transport';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { note } from '../support/notifications';
import { FakeConnector } from '../support/fake-connector';
import { makeSender } from '../support/sender';

const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }] };
const msg = (key: string) => ({ key, card: CARD, summary: 'Sync failing on FS01' });

let connector: FakeConnector;
let kv: SqliteKvStore;
let refs: ConversationRefs;
let transport: ProactiveTransport;

async function saveRef(conversationId: string, serviceUrl = connector.url): Promise<void> {
  await refs.save(
    {
      bot: { id: '28:afsbot-test', name: 'afsbot' },
      channelId: 'msteams',
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true },
      serviceUrl,
    },
    new Date(),
  );
}

beforeEach(async () => {
  connector = new FakeConnector({ record: true, enforceLimits: true });
  await connector.start();
  kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-proactive-'))));
  refs = new ConversationRefs(kv);
  // No app id: unauthenticated, as in local use; continueConversationAsync takes ''.
  transport = createProactiveTransport(loadConfig({ LOG_LEVEL: 'silent' }), refs);
  await saveRef('19:ops@thread.tacv2');
});
afterEach(() => connector.stop());

describe('proactive messages through botbuilder to the Bot Connector', () => {
  it('sends an Adaptive Card message carrying its key and returns the activity id', async () => {
    const { activityId } = await transport.send('19:ops@thread.tacv2', msg('alert/1'));
    expect(activityId).toMatch(/^reply-\d+$/);
    const [sent] = connector.sentTo('19:ops@thread.tacv2');
    expect(sent).toMatchObject({
      type: 'message',
      summary: 'Sync failing on FS01',
      channelData: { afsbotKey: 'alert/1' },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }],
    });
    expect(connector.received[0].authorization).toBeUndefined();
  });

  it('updates the message in place with a PUT to its activity id', async () => {
    const { activityId } = await transport.send('19:ops@thread.tacv2', msg('open'));
    await transport.update('19:ops@thread.tacv2', activityId, msg('resolved'));
    const put = connector.received[1];
    expect(put.method).toBe('PUT');
    expect(put.path).toBe(`/v3/conversations/19:ops@thread.tacv2/activities/${activityId}`);
    expect(put.activity).toMatchObject({ id: activityId, channelData: { afsbotKey: 'resolved' } });
  });

  it('reports 403 BotNotInConversationRoster with its status and code', async () => {
    connector.removeBotFrom('19:ops@thread.tacv2');
    await expect(transport.send('19:ops@thread.tacv2', msg('k'))).rejects.toMatchObject({
      status: 403,
      serviceCode: 'BotNotInConversationRoster',
    });
  });

  it('reports 429 with Retry-After, having made one request only (no hidden SDK retries)', async () => {
    connector.failNext(1, 429, 3);
    await expect(transport.send('19:ops@thread.tacv2', msg('k'))).rejects.toMatchObject({
      status: 429,
      retryAfterMs: 3000,
    });
    connector.failNext(1, 502);
    await expect(transport.send('19:ops@thread.tacv2', msg('k'))).rejects.toMatchObject({
      status: 502,
    });
    expect(connector.deliveries).toHaveLength(0);
    expect(connector.received).toHaveLength(0);
    // Both refusals were the only requests: the next one is accepted.
    await transport.send('19:ops@thread.tacv2', msg('k'));
    expect(connector.deliveries).toHaveLength(1);
  });

  it('reports a connection refused as a network error without a status', async () => {
    await saveRef('19:down@thread.tacv2', 'http://127.0.0.1:9/');
    const err = await transport.send('19:down@thread.tacv2', msg('k')).catch((e) => e);
    expect(err).toMatchObject({ name: 'TransportError', status: undefined });
  });

  it('says when it has no reference for the conversation', async () => {
    await expect(transport.send('19:unknown', msg('k'))).rejects.toMatchObject({
      serviceCode: NO_REFERENCE,
    });
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Sun, 01 Mar 2026 10:00:05 GMT', Date.parse('2026-03-01T10:00:00Z'))).toBe(
      5000,
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('the sender through the real transport', () => {
  it('delivers a burst to one conversation in order, within the limits, and updates by activity id', async () => {
    const { sender, outbox } = makeSender(kv, { transport, refs });
    for (let i = 0; i < 9; i++) await outbox.enqueue(note(`k${i}`));
    await outbox.enqueue(note('k0-resolved', { kind: 'update', replaces: 'k0' }));
    sender.start();
    const t0 = Date.now();
    while (connector.deliveries.length < 10 && Date.now() - t0 < 8000)
      await new Promise((r) => setTimeout(r, 20));
    await sender.stop();
    expect(connector.deliveries.map((d) => d.key)).toEqual([
      ...[...Array(9)].map((_, i) => `k${i}`),
      'k0-resolved',
    ]);
    // 8 in any two seconds: the 9th cannot have gone before two seconds had passed.
    expect(connector.deliveries[8].at - connector.deliveries[0].at).toBeGreaterThanOrEqual(2000);
    expect(connector.throttled).toBe(0);
    expect(connector.deliveries[9]).toMatchObject({
      method: 'PUT',
      activityId: connector.deliveries[0].activityId,
    });
  }, 15_000);

  it('drops a conversation the bot was removed from: reference and subscriptions gone', async () => {
    const { sender, outbox, subscriptions } = makeSender(kv, { transport, refs });
    const target = { resourceGroup: 'rg', service: 'svc', group: 'g' };
    await subscriptions.add({
      conversationId: '19:ops@thread.tacv2',
      target,
      by: { id: 'u' },
      at: 'x',
    });
    connector.removeBotFrom('19:ops@thread.tacv2', 'ConversationBlockedByUser');
    await outbox.enqueue(note('a'));
    await outbox.enqueue(note('b'));
    await sender.drainOnce();
    expect(await outbox.status('b')).toMatchObject({ status: 'dropped' });
    expect(await refs.get('19:ops@thread.tacv2')).toBeNull();
    expect(await subscriptions.ofConversation('19:ops@thread.tacv2')).toEqual([]);
    expect(connector.deliveries).toEqual([]);
  });
});

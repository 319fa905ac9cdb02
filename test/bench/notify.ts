/**
 * `npm run bench` (notifications): 1,000 subscribed channels each get one failure notification
 * through the real outbox, sender and botbuilder transport, against a fake Bot Connector that
 * enforces Teams' limits. Reports delivered / lost / duplicated, 429s, the elapsed time beside
 * the least the limits allow (1,000 at 50/s: the last 50 leave 19 s after the first), and peak
 * RSS (the connector included: it runs in this process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProactiveTransport } from '../../src/bot/proactive-transport';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { Outbox } from '../../src/notify/outbox';
import { Subscriptions } from '../../src/notify/subscriptions';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { FakeConnector } from '../support/fake-connector';
import { makeSender } from '../support/sender';

const CHANNELS = 1000;
const APP_PER_SECOND = 50;

async function main(): Promise<void> {
  const connector = new FakeConnector({ record: true, enforceLimits: true });
  await connector.start();
  const kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-bench-notify-'))));
  const refs = new ConversationRefs(kv);
  const subscriptions = new Subscriptions(kv);
  const outbox = new Outbox(kv);
  const target = { resourceGroup: 'rg-files', service: 'sync-prod', group: 'finance' };
  const keys: string[] = [];
  for (let i = 0; i < CHANNELS; i++) {
    const conversationId = `19:channel-${i}@thread.tacv2`;
    await refs.save(
      {
        bot: { id: '28:afsbot-bench' },
        channelId: 'msteams',
        conversation: { id: conversationId, conversationType: 'channel', isGroup: true },
        serviceUrl: connector.url,
      },
      new Date(),
    );
    await subscriptions.add({
      conversationId,
      target,
      by: { id: 'u' },
      at: new Date().toISOString(),
    });
  }
  const t0 = performance.now();
  for (const s of await subscriptions.ofTarget(target)) {
    const key = `bench:episode-1:${s.conversationId}:open`;
    keys.push(key);
    await outbox.enqueue({
      key,
      conversationId: s.conversationId,
      kind: 'send',
      card: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Sync failing on FS01: 0x80c8305f' }],
      },
      summary: 'Sync failing on FS01',
      createdAt: new Date().toISOString(),
    });
  }
  const queuedMs = performance.now() - t0;
  const { sender } = makeSender(kv, {
    outbox,
    transport: createProactiveTransport(loadConfig({ LOG_LEVEL: 'silent' }), refs),
    refs,
    subscriptions,
    log: createLogger('warn'),
  });
  const t1 = performance.now();
  sender.start();
  while ((await outbox.pendingCount()) > 0 && performance.now() - t1 < 60_000)
    await new Promise((r) => setTimeout(r, 50));
  const elapsed = (performance.now() - t1) / 1000;
  await sender.stop();
  await connector.stop();

  const counts = connector.deliveriesByKey();
  const lost = keys.filter((k) => !counts.has(k)).length;
  const twice = [...counts.values()].filter((c) => c > 1).length;
  // A sliding window lets the first 50 go at once: the last 50 can leave 19 s later, not 20.
  const floor = (CHANNELS - APP_PER_SECOND) / APP_PER_SECOND;
  const report = {
    channels: CHANNELS,
    delivered: counts.size,
    lost,
    deliveredTwice: twice,
    throttled429: connector.throttled,
    queueMs: Math.round(queuedMs),
    elapsedS: Number(elapsed.toFixed(2)),
    minimumS: floor,
    overMinimum: Number((elapsed / floor).toFixed(3)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(`notify bench: ${JSON.stringify(report)}`);
  if (lost || twice || counts.size !== CHANNELS) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

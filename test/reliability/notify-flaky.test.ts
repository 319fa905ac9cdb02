/**
 * Notifications into a Bot Connector that throttles and fails at random: every subscribed
 * conversation gets its card once through the real outbox, sender and botbuilder transport,
 * within Teams' app-wide limit, although a tenth of the requests are answered 429 and one in
 * fifty 500. CI runs 300 conversations; NOTIFY_CONVERSATIONS=1000 is the long run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProactiveTransport } from '../../src/bot/proactive-transport';
import { loadConfig } from '../../src/config';
import { Outbox } from '../../src/notify/outbox';
import { ParkedNotifications } from '../../src/notify/outbox-parked';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { FakeConnector } from '../support/fake-connector';
import { Rng } from './fuzz-gen';
import { record } from './record';
import { makeSender } from '../support/sender';

const CONVERSATIONS = Number(process.env.NOTIFY_CONVERSATIONS ?? 300);
const SEED = Number(process.env.NOTIFY_SEED ?? Date.now() % 2 ** 31);
const THROTTLED = 0.1;
const SERVER_ERRORS = 0.02;
const APP_PER_SECOND = 50;

/** The most requests inside any one-second window. */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('notifications through a connector that throttles and fails at random', () => {
  it(
    `delivers one card to each of ${CONVERSATIONS} conversations with 10% 429s and 2% 500s (seed ${SEED})`,
    async () => {
      const rng = new Rng(SEED);
      const requests: number[] = [];
      let status500 = 0;
      const connector = new FakeConnector({
        record: true,
        enforceLimits: true,
        beforeAnswer: () => void requests.push(Date.now()),
        chaos: () => {
          const x = rng.next();
          if (x < THROTTLED) return { status: 429, retryAfterSec: 1 };
          if (x < THROTTLED + SERVER_ERRORS) return (status500++, { status: 500 });
          return null;
        },
      });
      await connector.start();
      const kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-flaky-'))));
      const refs = new ConversationRefs(kv);
      const outbox = new Outbox(kv);
      const keys: string[] = [];
      for (let i = 0; i < CONVERSATIONS; i++) {
        const conversationId = `19:flaky-${i}@thread.tacv2`;
        await refs.save(
          {
            bot: { id: '28:afsbot-test' },
            channelId: 'msteams',
            conversation: { id: conversationId, conversationType: 'channel' },
            serviceUrl: connector.url,
          },
          new Date(),
        );
        const key = `flaky:episode-1:${i}:open`;
        keys.push(key);
        await outbox.enqueue({
          key,
          conversationId,
          kind: 'send',
          card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: key }] },
          syncGroup: 'rg-files/sss-prod/sg-finance',
          createdAt: new Date().toISOString(),
        });
      }
      const { sender } = makeSender(kv, {
        outbox,
        transport: createProactiveTransport(loadConfig({ LOG_LEVEL: 'silent' }), refs),
        refs,
      });
      const started = Date.now();
      sender.start();
      const deadline = started + (CONVERSATIONS / APP_PER_SECOND) * 3000 + 30_000;
      while ((await outbox.pendingCount()) > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const elapsedS = (Date.now() - started) / 1000;
      await sender.stop();
      await connector.stop();

      const counts = connector.deliveriesByKey();
      const lost = keys.filter((k) => !counts.has(k)).length;
      const twice = [...counts.values()].filter((c) => c > 1).length;
      const parked = await new ParkedNotifications(kv).counts();
      const busiest = busiestSecond(requests);
      const minimumS = (CONVERSATIONS - APP_PER_SECOND) / APP_PER_SECOND;
      const held = keys.filter((k) => counts.get(k) === 1).length;
      record({
        area: 'notify',
        check: `${CONVERSATIONS} subscribed conversations, one card each, connector answering 10% 429 and 2% 500 at random (seed ${SEED})`,
        tried: CONVERSATIONS,
        held,
        expectation:
          'each card delivered exactly once; nothing parked; never over 50 requests/s app-wide',
        figures: {
          lost,
          'delivered twice': twice,
          '429 answered': connector.refusedByChaos - status500 + connector.throttled,
          '429 for exceeding a limit': connector.throttled,
          '500 answered': status500,
          'parked failed/dropped': `${parked.failed}/${parked.dropped}`,
          'busiest second (requests)': busiest,
          'elapsed s': elapsedS.toFixed(1),
          'over the limits’ minimum': `${(elapsedS / minimumS).toFixed(2)}×`,
        },
      });
      expect(lost).toBe(0);
      expect(twice).toBe(0);
      expect(parked).toEqual({ failed: 0, dropped: 0 });
      expect(status500).toBeGreaterThan(0);
      expect(busiest).toBeLessThanOrEqual(APP_PER_SECOND);
    },
    ((CONVERSATIONS / APP_PER_SECOND) * 3 + 60) * 1000,
  );
});

/**
 * SIGKILL at random moments, CRASH_RUNS times each (20 by default; CRASH_SEED replays a run):
 * the server killed while it writes subscriptions, and the sender killed while it drains the
 * outbox. After each kill the process restarts on the same DATA_DIR and the state is checked.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subscription } from '../../src/notify/subscriptions';
import { Outbox } from '../../src/notify/outbox';
import { ConversationRef, ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { ROOT } from '../helpers';
import { note } from '../support/notifications';
import { kill9, post, prng, serve } from './fault-harness';
import { startDrain } from '../notify/drain-child';
import { record } from './record';

const RUNS = Number(process.env.CRASH_RUNS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
const DIST = join(ROOT, 'dist');
const random = prng(SEED);

beforeAll(() => {
  console.log(`crash tests: ${RUNS} runs each, seed ${SEED} (CRASH_SEED=${SEED} replays them)`);
  if (!existsSync(join(DIST, 'notify', 'sender.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

/** What the store holds: subscriptions by conversation and group, references, integrity. */
function inspect(dataDir: string) {
  const db = new Database(join(dataDir, 'afsbot.sqlite'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const rows = db
      .prepare("SELECT key, value FROM kv WHERE key >= 'subs/' AND key < 'subs0'")
      .all() as {
      key: string;
      value: string;
    }[];
    const subs = rows.map((r) => Subscription.safeParse(JSON.parse(r.value)));
    const refRows = db
      .prepare("SELECT value FROM kv WHERE key >= 'refs/' AND key < 'refs0'")
      .all() as {
      value: string;
    }[];
    const refs = refRows.map((r) => ConversationRef.safeParse(JSON.parse(r.value)));
    return {
      integrity,
      invalid: subs.filter((s) => !s.success).length + refs.filter((r) => !r.success).length,
      subs: subs.flatMap((s) =>
        s.success ? [`${s.data.conversationId} ${s.data.target.group}`] : [],
      ),
      refs: refs.flatMap((r) => (r.success ? [r.data.conversation.id] : [])),
    };
  } finally {
    db.close();
  }
}

describe('the server killed (SIGKILL) while it writes subscriptions', () => {
  it(`keeps every answered subscription, once, over ${RUNS} kills`, async () => {
    const connector = new FakeConnector({ record: true });
    await connector.start();
    const dir = mkdtempSync(join(tmpdir(), 'afsbot-crash-subs-'));
    const conversations = [
      '19:crash-a@thread.tacv2',
      '19:crash-b@thread.tacv2',
      '19:crash-c@thread.tacv2',
    ];
    /** "conversation group" of every subscribe whose "Subscribed" reply reached Teams. */
    const answered = () =>
      new Set(
        connector.received.flatMap((r) => {
          const m = /^Subscribed: failures of rg\/svc\/(group\\?-\d+)/.exec(
            String(r.activity.text ?? ''),
          );
          return m ? [`${r.conversationId} ${m[1].replace('\\', '')}`] : [];
        }),
      );
    let next = 0;
    let sent = 0;
    const missing: string[] = [];
    let twice = 0;
    let unansweredButKept = 0;
    const killTimes: number[] = [];
    try {
      for (let run = 0; run <= RUNS; run++) {
        const server = await serve({ DATA_DIR: dir, LOG_LEVEL: 'error' });
        try {
          // After each restart: everything answered before is there, once, and readable.
          const state = inspect(dir);
          const kept = new Set(state.subs);
          expect(state.integrity).toBe('ok');
          expect(state.invalid).toBe(0);
          twice += state.subs.length - kept.size;
          for (const a of answered()) if (!kept.has(a)) missing.push(`run ${run}: ${a}`);
          unansweredButKept = state.subs.length - answered().size;
          // A conversation the bot has answered had its reference saved first (in that turn).
          for (const c of conversations)
            if (
              connector.received.some((r) => r.conversationId === c && r.activity.type !== 'typing')
            )
              expect(state.refs).toContain(c);
          if (run === RUNS) break;
          // The kill falls at a random moment once subscribes are being answered: counted from
          // the run's first answer (on a loaded machine the first turn alone can take longer than
          // the whole random window, and a kill before any answer tests nothing).
          const killAt = Math.round(30 + random() * 600);
          killTimes.push(killAt);
          let killed = false;
          let timer: NodeJS.Timeout | undefined;
          const before = answered().size;
          const firstAnswer = setInterval(() => {
            if (answered().size === before) return;
            clearInterval(firstAnswer);
            timer = setTimeout(() => {
              killed = true;
              server.child.kill('SIGKILL');
            }, killAt);
          }, 5);
          // Bounded: a server that answers nothing in 20 s is killed anyway (and the run's
          // answered count shows it).
          const cap = setTimeout(() => {
            clearInterval(firstAnswer);
            killed = true;
            server.child.kill('SIGKILL');
          }, 20_000);
          await Promise.all(
            conversations.map(async (c) => {
              while (!killed) {
                const group = `group-${next++}`;
                sent++;
                try {
                  await post(server.url, A.channel(connector.url, `subscribe rg/svc/${group}`), c);
                } catch {
                  return; // the server died under this request
                }
              }
            }),
          );
          clearInterval(firstAnswer);
          clearTimeout(timer);
          clearTimeout(cap);
        } finally {
          await kill9(server);
        }
      }
      // A last restart: the store works, and an answered subscription is not added twice.
      const server = await serve({ DATA_DIR: dir, LOG_LEVEL: 'error' });
      try {
        const [first] = [...answered()];
        expect(first).toBeDefined();
        const [conversation, group] = first.split(' ');
        await post(server.url, A.channel(connector.url, `subscribe rg/svc/${group}`), conversation);
        const again = connector.sentTo(conversation).pop();
        expect(String(again?.text)).toMatch(/already subscribed/);
      } finally {
        await kill9(server);
      }
      const total = answered().size;
      expect(missing).toEqual([]);
      expect(twice).toBe(0);
      expect(total).toBeGreaterThan(RUNS);
      record({
        area: 'crash',
        check: `server SIGKILLed at a random moment while subscribe commands stream in (${RUNS} kills, seed ${SEED})`,
        tried: RUNS,
        held: RUNS - new Set(missing.map((m) => m.split(':')[0])).size,
        expectation:
          'after each restart on the same DATA_DIR: every answered subscribe present, none twice, integrity_check ok, references valid',
        figures: {
          'subscribes sent': sent,
          answered: total,
          lost: missing.length,
          twice,
          'kept though unanswered': unansweredButKept,
          'kill after ms': `${Math.min(...killTimes)}–${Math.max(...killTimes)}`,
        },
      });
    } finally {
      await connector.stop();
    }
  }, 150_000);
});

const CONVERSATIONS = 26;
const EACH = 4;

/** 104 notifications to 26 conversations, queued as a poller would, in a fresh DATA_DIR. */
async function queue(connectorUrl: string, run: number) {
  const dir = mkdtempSync(join(tmpdir(), 'afsbot-crash-drain-'));
  const db = openSqlite(dir);
  const kv = new SqliteKvStore(db);
  const refs = new ConversationRefs(kv);
  const outbox = new Outbox(kv);
  const keys: string[] = [];
  const conv = (c: number) => `19:drain-${run}-${c}@thread.tacv2`;
  for (let c = 0; c < CONVERSATIONS; c++)
    await refs.save(
      {
        bot: { id: A.BOT.id },
        channelId: 'msteams',
        conversation: { id: conv(c) },
        serviceUrl: connectorUrl,
      },
      new Date(),
    );
  for (let i = 0; i < EACH; i++)
    for (let c = 0; c < CONVERSATIONS; c++) {
      const key = `run-${run}:episode-${i}:conv-${c}:open`;
      keys.push(key);
      await outbox.enqueue(note(key, { conversationId: conv(c) }));
    }
  db.close();
  return { dir, keys };
}

describe('the sender killed (SIGKILL) while it drains the outbox', () => {
  it(`loses nothing over ${RUNS} kills, and repeats only a send Teams accepted just before the kill`, async () => {
    let lost = 0;
    let duplicates = 0;
    let inWindow = 0;
    let deliveredBeforeKills = 0;
    let total = 0;
    const perRun: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const connector = new FakeConnector({ record: true, enforceLimits: true });
      await connector.start();
      try {
        const { dir, keys } = await queue(connector.url, run);
        total += keys.length;
        const first = startDrain(dir);
        const killAt = Math.round(300 + random() * 2000);
        const timer = setTimeout(() => first.child.kill('SIGKILL'), killAt);
        const firstExit = await first.exited;
        clearTimeout(timer);
        const accepted = new Set(connector.deliveries.map((d) => d.key!));
        deliveredBeforeKills += accepted.size;
        // Accepted by Teams but not marked done: the one send a kill can make repeat.
        const db = openSqlite(dir);
        const outbox = new Outbox(new SqliteKvStore(db));
        let window = 0;
        for (const key of accepted) if ((await outbox.status(key))?.status !== 'done') window++;
        db.close();
        const second = startDrain(dir);
        expect(await second.exited).toBe(0);
        const counts = connector.deliveriesByKey();
        const runLost = keys.filter((k) => !counts.has(k)).length;
        const runDup = [...counts.values()].reduce((n, c) => n + c - 1, 0);
        lost += runLost;
        duplicates += runDup;
        inWindow += window;
        perRun.push(`${killAt}ms:${firstExit}:${accepted.size}/${runDup}`);
        // A kill can leave at most one send unmarked, and only that one goes out twice.
        expect(window).toBeLessThanOrEqual(1);
        expect(runDup).toBe(window);
        expect(runLost).toBe(0);
        const check = openSqlite(dir);
        expect(await new Outbox(new SqliteKvStore(check)).pending()).toEqual([]);
        check.close();
      } finally {
        await connector.stop();
      }
    }
    console.log(`drain kills (kill ms:exit:accepted before kill/duplicates): ${perRun.join(' ')}`);
    expect(lost).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(RUNS);
    record({
      area: 'crash',
      check: `sender SIGKILLed at a random moment while draining 104 notifications to 26 conversations (${RUNS} kills, seed ${SEED})`,
      tried: RUNS,
      held: RUNS,
      expectation:
        'after a restart on the same DATA_DIR every notification is delivered; a duplicate only when the kill fell between Teams accepting a send and its done mark (at most one a kill)',
      figures: {
        notifications: total,
        lost,
        duplicates,
        'kills between accept and done mark': inWindow,
        'delivered before the kills': deliveredBeforeKills,
      },
    });
  }, 150_000);
});

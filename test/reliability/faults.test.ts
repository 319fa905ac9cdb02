/**
 * Faults injected into the running bot's dependencies: the health API (down, slow, garbage,
 * 5xx storms), SQLite (locked by another connection, read-only), Azure Blob (Azurite stopped
 * and restarted) and the Bot Connector (5xx and 429 storms). Each case drives the real app
 * over HTTP and asserts what a person and an operator see, and that nothing is lost.
 */
import Database from 'better-sqlite3';
import { chmodSync, chownSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import { startTestApp } from '../support/test-app';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { failingEndpoint, startFakeArm, type FakeArm, type Scenario } from '../support/fake-arm';
import { note } from '../support/notifications';
import { Azurite } from '../support/azurite';
import { Gate, freePort, isClearLine, kill9, post, say, serve, waitFor } from './fault-harness';
import { record } from './record';

const CHANNEL = '19:faults@thread.tacv2';
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `afsbot-${name}-`));
const healthz = async (url: string) => {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; storage: string } };
};

describe('the health API failing', () => {
  const connector = new FakeConnector({ record: true, enforceLimits: true });
  const failing: Scenario = {
    endpoints: [failingEndpoint('ep-fs01', -2134364065, 'FS01.contoso.local')],
  };
  let arm: FakeArm;
  let gate: Gate;
  let app: RunningApp;
  let clockSpy: jest.SpyInstance | null = null;
  const proactive = () => connector.deliveries.filter((d) => d.key).length;

  beforeAll(async () => {
    await connector.start();
    arm = await startFakeArm({ groups: { finance: failing } });
    gate = new Gate(Number(new URL(arm.url).port));
    await gate.open();
    app = await startTestApp({
      DATA_DIR: tmp('faults-health'),
      HEALTH_PROVIDER: 'http',
      HEALTH_API_URL: `http://127.0.0.1:${gate.port}`,
      POLL_INTERVAL_SECONDS: '0',
    });
    expect(await post(app.url, A.botAdded(connector.url, CHANNEL), CHANNEL)).toBe(200);
    const sub = await say(app.url, connector, CHANNEL, 'subscribe rg-files/sss-contoso/finance');
    expect(sub.text).toMatch(/^Subscribed/);
    // An open failure episode: what a wrong "recovered" would close.
    expect(await app.poller.poll()).toMatchObject({ opened: 1, notifications: 1 });
    expect(await waitFor(() => proactive() === 1, 5000)).toBe(true);
  }, 30_000);

  afterAll(async () => {
    clockSpy?.mockRestore();
    await app.close();
    await gate.close();
    await arm.stop();
    await connector.stop();
  });

  const cases: {
    name: string;
    apply(): Promise<void> | void;
    code: string;
    says: RegExp;
  }[] = [
    {
      name: 'down (connection refused)',
      apply: () => gate.close(),
      code: 'health_api_unavailable',
      says: /unavailable right now: cannot reach the health API \\?\(ECONNREFUSED\\?\)/,
    },
    {
      name: 'slow (past the 3 s deadline)',
      apply: () => arm.setGroup('finance', { delayMs: 4500, then: failing }),
      code: 'health_api_timeout',
      says: /did not answer in time/,
    },
    {
      name: 'malformed JSON',
      apply: () => arm.setGroup('finance', { body: '{"value": [{"id": "x", ' }),
      code: 'health_api_invalid',
      says: /cannot read/,
    },
    {
      name: 'the wrong shape',
      apply: () => arm.setGroup('finance', { body: JSON.stringify({ value: [{ id: 42 }] }) }),
      code: 'health_api_invalid',
      says: /cannot read/,
    },
    {
      name: 'a 500',
      apply: () => arm.setGroup('finance', { status: 500 }),
      code: 'health_api_unavailable',
      says: /answered 500/,
    },
  ];

  it.each(cases)(
    'when $name: status says so in one line, the poller reports it and changes nothing',
    async ({ name, apply, code, says }) => {
      const delivered = proactive();
      await apply();
      const started = Date.now();
      const reply = await say(app.url, connector, CHANNEL, 'status rg-files/sss-contoso/finance');
      const ms = Date.now() - started;
      const report = await app.poller.poll();
      // Back to normal: the same failure is still there, so nothing is new and nothing resolved.
      if (name.startsWith('down')) await gate.open();
      arm.setGroup('finance', failing);
      const after = await app.poller.poll();
      await new Promise((r) => setTimeout(r, 300));

      expect(reply.status).toBe(200);
      expect(reply.card).toBe(false);
      expect(reply.text).toMatch(says);
      expect(isClearLine(reply.text)).toBe(true);
      // The deadline holds: 3 s for the request, whatever the API does.
      expect(ms).toBeLessThan(4000);
      expect(report.errors).toEqual([{ target: 'rg-files/sss-contoso/finance', code }]);
      expect(report).toMatchObject({ resolved: 0, opened: 0, notifications: 0 });
      expect(after).toMatchObject({ errors: [], failing: 1, resolved: 0, notifications: 0 });
      expect(proactive()).toBe(delivered);
      record({
        area: 'faults',
        check: `health API ${name}`,
        tried: 2,
        held: 2,
        expectation:
          'status answers one clear line within the deadline; the poll reports the error and infers no recovery; no notification',
        figures: { 'status reply ms': ms, 'poll error': code, notifications: 0 },
      });
    },
    15_000,
  );

  it('opens the breaker in a 503 storm (no request reaches the API) and closes it when the API is back', async () => {
    const delivered = proactive();
    arm.setGroup('finance', { status: 503 });
    const replies: string[] = [];
    for (let i = 0; i < 8; i++)
      replies.push(
        (await say(app.url, connector, CHANNEL, 'status rg-files/sss-contoso/finance')).text,
      );
    const opensAfter = replies.findIndex((t) => /short rest/.test(t));
    const requestsWhenOpen = arm.received.length;
    const whileOpen = await app.poller.poll();
    // The API is back, but the breaker stays open until its cool-down ends.
    arm.setGroup('finance', failing);
    const stillOpen = await say(app.url, connector, CHANNEL, 'status rg-files/sss-contoso/finance');
    expect(arm.received.length).toBe(requestsWhenOpen);
    const real = Date.now.bind(Date);
    clockSpy = jest.spyOn(Date, 'now').mockImplementation(() => real() + 31_000);
    const closed = await say(app.url, connector, CHANNEL, 'status rg-files/sss-contoso/finance');
    const afterPoll = await app.poller.poll();
    await new Promise((r) => setTimeout(r, 300));

    // Five failed calls in a row open it (DEFAULT_BREAKER); every reply is one clear line.
    expect(opensAfter).toBe(5);
    expect(replies.slice(0, 5).every((t) => /answered 503/.test(t))).toBe(true);
    expect(replies.slice(5).every((t) => /short rest/.test(t))).toBe(true);
    expect(replies.every(isClearLine)).toBe(true);
    expect(whileOpen.errors).toEqual([
      { target: 'rg-files/sss-contoso/finance', code: 'health_circuit_open' },
    ]);
    expect(whileOpen).toMatchObject({ resolved: 0, notifications: 0 });
    expect(stillOpen.text).toMatch(/short rest/);
    expect(closed.card).toBe(true);
    expect(arm.received.length).toBeGreaterThan(requestsWhenOpen);
    expect(afterPoll).toMatchObject({ errors: [], failing: 1, resolved: 0, notifications: 0 });
    expect(proactive()).toBe(delivered);
    record({
      area: 'faults',
      check: 'health API 503 storm: circuit breaker',
      tried: 8,
      held: 8,
      expectation:
        'opens after 5 failed calls, then fails fast without calling the API; closes after its cool-down when the API answers; no notification',
      figures: {
        'opened after calls': opensAfter,
        'API requests while open': 0,
        'cool-down s': 30,
        notifications: 0,
      },
    });
  }, 30_000);
});

describe('SQLite locked by another connection', () => {
  it('answers, refuses subscribe clearly, reports degraded, and loses nothing once released', async () => {
    const connector = new FakeConnector({ record: true });
    await connector.start();
    const dir = tmp('faults-lock');
    const app = await startTestApp({ DATA_DIR: dir });
    let other: Database.Database | null = null;
    try {
      for (let i = 0; i < 5; i++)
        expect(
          (await say(app.url, connector, CHANNEL, `subscribe rg/svc/group-${i}`)).text,
        ).toMatch(/^Subscribed/);
      other = new Database(join(dir, 'afsbot.sqlite'));
      other.exec('BEGIN EXCLUSIVE');
      other.prepare("INSERT INTO kv (key, value, etag) VALUES ('lock/holder', '{}', 'x')").run();
      const answer = await say(app.url, connector, CHANNEL, '0x80c8305f');
      const during = await healthz(app.url);
      const started = Date.now();
      const refused = await say(app.url, connector, CHANNEL, 'subscribe rg/svc/group-5');
      const refusedMs = Date.now() - started;
      // Held past the 2 s flush of the ask counts: a failed flush must not end the process.
      await new Promise((r) => setTimeout(r, 2500));
      other.exec('ROLLBACK');
      other.close();
      other = null;
      const after = await healthz(app.url);
      const retried = await say(app.url, connector, CHANNEL, 'subscribe rg/svc/group-5');
      const subs = await app.services.subscriptions.ofConversation(CHANNEL);
      const groups = subs.map((s) => s.target.group).sort();

      expect(answer.card).toBe(true);
      expect(during.status).toBe(503);
      expect(during.body.status).toBe('degraded');
      expect(during.body.storage).toBe('locked');
      expect(refused.text).toMatch(/could not save the subscription to rg\/svc\/group\\?-5:/);
      expect(isClearLine(refused.text)).toBe(true);
      expect(after.status).toBe(200);
      expect(retried.text).toMatch(/^Subscribed/);
      expect(groups).toEqual(['group-0', 'group-1', 'group-2', 'group-3', 'group-4', 'group-5']);
      // The answer's ask count, kept in memory while the lock was held, is written after it.
      expect(app.services.store.mostAsked(5).length).toBeGreaterThan(0);
      record({
        area: 'faults',
        check: 'SQLite locked by another connection (BEGIN EXCLUSIVE, ~5 s)',
        tried: 5,
        held: 5,
        expectation:
          'questions answered; subscribe refused in one clear line; /healthz 503 while locked, 200 after; every earlier subscription kept; the retried subscribe succeeds',
        figures: {
          'subscriptions kept': `${groups.length}/6`,
          'refused subscribe ms': refusedMs,
          'healthz while locked': during.status,
        },
      });
    } finally {
      other?.close();
      await app.close();
      await connector.stop();
    }
  }, 30_000);
});

describe('the SQLite files made read-only', () => {
  it('answers, refuses subscribe clearly, reports degraded, and keeps every subscription', async () => {
    // NOTE: root ignores file modes; the server then runs as `nobody`, for whom chmod counts.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const connector = new FakeConnector({ record: true });
    await connector.start();
    const dir = tmp('faults-ro');
    if (uid !== undefined) chownSync(dir, uid, uid);
    const env = { DATA_DIR: dir };
    const files = ['afsbot.sqlite', 'afsbot.sqlite-wal', 'afsbot.sqlite-shm'].map((f) =>
      join(dir, f),
    );
    let run = await serve(env, uid);
    try {
      for (let i = 0; i < 3; i++)
        expect(
          (await say(run.url, connector, CHANNEL, `subscribe rg/svc/group-${i}`)).text,
        ).toMatch(/^Subscribed/);
      await kill9(run);
      const modes = files.filter(existsSync);
      for (const f of modes) chmodSync(f, 0o444);
      run = await serve(env, uid);
      const answer = await say(run.url, connector, CHANNEL, '0x80c8305f');
      const during = await healthz(run.url);
      const refused = await say(run.url, connector, CHANNEL, 'subscribe rg/svc/group-3');
      await kill9(run);
      for (const f of modes) chmodSync(f, 0o644);
      run = await serve(env, uid);
      const after = await healthz(run.url);
      const retried = await say(run.url, connector, CHANNEL, 'subscribe rg/svc/group-3');
      await kill9(run);
      const db = new Database(files[0], { readonly: true });
      const keys = (
        db.prepare("SELECT key FROM kv WHERE key LIKE 'subs/%'").all() as { key: string }[]
      )
        .map((r) => r.key.split('/').pop())
        .sort();
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();

      expect(modes).toContain(files[0]);
      expect(answer.card).toBe(true);
      expect(during.status).toBe(503);
      expect(during.body.storage).toBe('readonly');
      expect(refused.text).toMatch(/could not save the subscription to rg\/svc\/group\\?-3:/);
      expect(isClearLine(refused.text)).toBe(true);
      expect(after.status).toBe(200);
      expect(retried.text).toMatch(/^Subscribed/);
      expect(keys).toEqual(['group-0', 'group-1', 'group-2', 'group-3']);
      expect(integrity).toBe('ok');
      record({
        area: 'faults',
        check: `SQLite db, -wal and -shm chmod 0444 (server as ${uid === undefined ? 'this user' : 'nobody: tests run as root'})`,
        tried: 4,
        held: 4,
        expectation:
          'questions answered; subscribe refused in one clear line; /healthz 503 while read-only, 200 after; earlier subscriptions kept; the retried subscribe succeeds',
        figures: { 'files made read-only': modes.length, 'subscriptions kept': `${keys.length}/4` },
      });
    } finally {
      await kill9(run);
      for (const f of files.filter(existsSync)) chmodSync(f, 0o644);
      await connector.stop();
    }
  }, 60_000);
});

describe('Azure Blob storage (Azurite) stopped and restarted', () => {
  it('answers while it is down, refuses subscribe clearly, and delivers what was queued exactly once after', async () => {
    const port = await freePort();
    const azurite = new Azurite({ location: tmp('faults-azurite'), port });
    await azurite.start();
    let hold = true;
    const connector = new FakeConnector({
      record: true,
      enforceLimits: true,
      // Teams unreachable for the proactive sends until the storage outage has begun.
      beforeAnswer: (r) => !(hold && r.key),
    });
    await connector.start();
    const app = await startTestApp({
      DATA_DIR: tmp('faults-blob'),
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    });
    try {
      expect(await post(app.url, A.botAdded(connector.url, CHANNEL), CHANNEL)).toBe(200);
      for (let i = 0; i < 3; i++)
        expect(
          (await say(app.url, connector, CHANNEL, `subscribe rg/svc/group-${i}`)).text,
        ).toMatch(/^Subscribed/);
      const keys = Array.from({ length: 10 }, (_, i) => `blob-outage-${i}`);
      for (const key of keys)
        expect(await app.services.outbox.enqueue(note(key, { conversationId: CHANNEL }))).toBe(
          true,
        );
      await new Promise((r) => setTimeout(r, 500));
      await azurite.stop();
      const answer = await say(app.url, connector, CHANNEL, '0x80c8305f');
      const down = await healthz(app.url);
      const refused = await say(app.url, connector, CHANNEL, 'subscribe rg/svc/group-3');
      // Teams is back while the storage is still down.
      hold = false;
      await new Promise((r) => setTimeout(r, 2000));
      const deliveredWhileDown = connector.deliveries.filter((d) => d.key).length;
      await azurite.start();
      const allThere = await waitFor(
        () => connector.deliveriesByKey().size === keys.length,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1000));
      const up = await healthz(app.url);
      const retried = await say(app.url, connector, CHANNEL, 'subscribe rg/svc/group-3');
      const groups = (await app.services.subscriptions.ofConversation(CHANNEL))
        .map((s) => s.target.group)
        .sort();
      const counts = connector.deliveriesByKey();
      const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
      const order = connector.deliveries.filter((d) => d.key).map((d) => d.key);
      const firstOrder = order.filter((k, i) => order.indexOf(k) === i);

      expect(answer.card).toBe(true);
      expect(down.status).toBe(503);
      expect(refused.text).toMatch(/could not save the subscription to rg\/svc\/group\\?-3:/);
      expect(isClearLine(refused.text)).toBe(true);
      expect(allThere).toBe(true);
      expect(keys.filter((k) => !counts.has(k))).toEqual([]);
      expect(duplicates).toBe(0);
      expect(firstOrder).toEqual(keys);
      expect(await app.services.outbox.pending()).toEqual([]);
      expect(up.status).toBe(200);
      expect(retried.text).toMatch(/^Subscribed/);
      expect(groups).toEqual(['group-0', 'group-1', 'group-2', 'group-3']);
      expect(await app.services.refs.get(CHANNEL)).toMatchObject({ conversation: { id: CHANNEL } });
      record({
        area: 'faults',
        check: 'Azurite stopped and restarted (STORAGE=azure-blob)',
        tried: keys.length,
        held: keys.length - duplicates,
        expectation:
          'questions answered while down; subscribe refused in one clear line; /healthz 503 while down; queued notifications stay queued and are delivered exactly once, in order, after the restart; earlier subscriptions and the reference kept',
        figures: {
          queued: keys.length,
          lost: keys.filter((k) => !counts.has(k)).length,
          duplicates,
          'sent while storage down': deliveredWhileDown,
          'subscriptions kept': `${groups.length}/4`,
        },
      });
    } finally {
      await app.close();
      await azurite.stop();
      await connector.stop();
    }
  }, 90_000);
});

describe('Bot Connector 5xx and 429 storms', () => {
  it('delivers every notification exactly once, in order per conversation', async () => {
    const connector = new FakeConnector({ record: true, enforceLimits: true });
    await connector.start();
    const app = await startTestApp({ DATA_DIR: tmp('faults-storm') });
    const conversations = Array.from({ length: 12 }, (_, c) => `19:storm-${c}@thread.tacv2`);
    try {
      for (const id of conversations)
        await app.services.refs.save(
          {
            bot: { id: A.BOT.id },
            channelId: 'msteams',
            conversation: { id },
            serviceUrl: connector.url,
          },
          new Date(),
        );
      connector.failNext(6, 503);
      connector.failNext(6, 429, 1);
      connector.failNext(6, 502);
      connector.failNext(4, 429, 2);
      const keys: string[] = [];
      const started = Date.now();
      for (let i = 0; i < 10; i++)
        for (const [c, id] of conversations.entries()) {
          const key = `storm-${String(i).padStart(2, '0')}-${c}`;
          keys.push(key);
          expect(await app.services.outbox.enqueue(note(key, { conversationId: id }))).toBe(true);
        }
      const done = await waitFor(() => connector.deliveriesByKey().size === keys.length, 60_000);
      const ms = Date.now() - started;
      await new Promise((r) => setTimeout(r, 500));
      const counts = connector.deliveriesByKey();
      const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
      const outOfOrder = conversations.filter((id) => {
        const seen = connector.deliveries.filter((d) => d.conversationId === id).map((d) => d.key!);
        return seen.join() !== [...seen].sort().join();
      });

      expect(done).toBe(true);
      expect(keys.filter((k) => !counts.has(k))).toEqual([]);
      expect(duplicates).toBe(0);
      expect(outOfOrder).toEqual([]);
      expect(await app.services.outbox.pending()).toEqual([]);
      record({
        area: 'faults',
        check: 'Bot Connector storm: 503, 502, 429 with Retry-After, and Teams limits enforced',
        tried: keys.length,
        held: keys.length - duplicates,
        expectation:
          'every notification delivered exactly once, in order per conversation, none lost',
        figures: {
          notifications: keys.length,
          conversations: conversations.length,
          'injected failures': 22,
          'limit 429s': connector.throttled,
          lost: 0,
          duplicates,
          'drain ms': ms,
        },
      });
    } finally {
      await app.close();
      await connector.stop();
    }
  }, 90_000);
});

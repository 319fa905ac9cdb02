/** The routing table driven through botbuilder's TestAdapter: invokes, installs and messages, no HTTP. */
import { TestAdapter, type Activity } from 'botbuilder';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answers } from '../../src/answers';
import { commands } from '../../src/bot/commands';
import { Router } from '../../src/bot/router';
import { routes } from '../../src/bot/routes';
import { SentCards } from '../../src/bot/sent-cards';
import type { BotServices } from '../../src/bot/services';
import { noneProvider } from '../../src/health/none-provider';
import { loadIndex } from '../../src/knowledge/load';
import { createLogger } from '../../src/log';
import { Matcher } from '../../src/matching/ask';
import { Metrics } from '../../src/metrics';
import { Outbox } from '../../src/notify/outbox';
import { Subscriptions } from '../../src/notify/subscriptions';
import { SqliteBotStore } from '../../src/storage/bot-store';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { openSqlite } from '../../src/storage/sqlite';

const matcher = new Matcher(loadIndex());

function services(): BotServices {
  const db = openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-router-')));
  const kv = new SqliteKvStore(db);
  const store = new SqliteBotStore(db);
  const metrics = new Metrics();
  const now = () => new Date('2026-11-20T08:00:00Z');
  return {
    matcher,
    answers: new Answers({ matcher, store, metrics, cacheSize: 16, now }),
    store,
    sent: new SentCards(),
    refs: new ConversationRefs(kv),
    subscriptions: new Subscriptions(kv),
    outbox: new Outbox(kv),
    health: noneProvider,
    metrics,
    log: createLogger('silent'),
    now,
  };
}

/** Runs activities through the routing table; returns what the bot sent for each. */
function bot(s = services()) {
  const router = new Router(routes, s);
  const adapter = new TestAdapter((context) => router.run(context));
  return {
    s,
    async turn(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
      const before = adapter.activeQueue.length;
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(before);
    },
  };
}

const me = { id: 'bot', name: 'afsbot' };
const CONVERSATION = 'Convo1';

describe('the routing table', () => {
  it('holds every command, between the message routes and the answer', () => {
    const names = routes.map((r) => r.name);
    const first = names.indexOf(`command ${commands[0].name}`);
    expect(names.slice(first, first + commands.length)).toEqual(
      commands.map((c) => `command ${c.name}`),
    );
    expect(names.indexOf('no text')).toBeLessThan(first);
    expect(names.indexOf('answer')).toBe(first + commands.length);
  });

  it('runs a command from its text and sends its reply', async () => {
    const [reply] = await bot().turn({ type: 'message', text: 'subscriptions' });
    expect(reply.text).toMatch(/^No subscriptions here/);
  });

  it('keeps where a conversation is on its first message, then answers it', async () => {
    const b = bot();
    const [reply] = await b.turn({ type: 'message', text: '0x80c8305f' });
    expect(reply.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect((await b.s.refs.get(CONVERSATION))?.conversation.id).toBe(CONVERSATION);
  });

  it('answers an invoke it does not offer with a 400 that names it', async () => {
    const [response] = await bot().turn({ type: 'invoke', name: 'task/fetch', value: {} });
    expect(response).toMatchObject({
      type: 'invokeResponse',
      value: {
        status: 400,
        body: { code: 'NotSupported', message: expect.stringContaining('"task/fetch"') },
      },
    });
  });

  it('refuses a card action that is not Action.Execute, as the Universal Actions protocol says', async () => {
    const [response] = await bot().turn({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Submit', verb: 'show', data: {} } },
    });
    expect(response.value).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'NotSupported', message: "The action 'Action.Submit' is not supported." },
      },
    });
  });

  it('welcomes once on install and forgets the conversation when the bot is removed', async () => {
    const b = bot();
    const install = { type: 'installationUpdate', action: 'add', recipient: me };
    const [welcome] = await b.turn(install);
    expect(welcome.summary).toBe('What I can do');
    expect(await b.turn(install)).toEqual([]);
    expect(await b.s.refs.get(CONVERSATION)).not.toBeNull();
    await b.turn({ type: 'conversationUpdate', membersRemoved: [me], recipient: me });
    expect(await b.s.refs.get(CONVERSATION)).toBeNull();
  });

  it('ignores activity types no route selects', async () => {
    expect(
      await bot().turn({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }),
    ).toEqual([]);
  });
});

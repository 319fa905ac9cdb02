/** The commands called directly: a narrow context and real services in, replies out; no HTTP. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands, findCommand } from '../../src/bot/commands';
import type { CommandContext, Reply } from '../../src/bot/commands/command';
import { gaps } from '../../src/bot/commands/gaps';
import { helpCommand } from '../../src/bot/commands/help';
import { listSubscriptions } from '../../src/bot/commands/list-subscriptions';
import { status } from '../../src/bot/commands/status';
import { subscribe } from '../../src/bot/commands/subscribe';
import { unsubscribe } from '../../src/bot/commands/unsubscribe';
import { GapStore } from '../../src/gaps/gap-store';
import { Gaps } from '../../src/gaps/gaps';
import { noneProvider } from '../../src/health/none-provider';
import { loadIndex } from '../../src/knowledge/load';
import { createLogger } from '../../src/log';
import { Matcher } from '../../src/matching/ask';
import { Subscriptions } from '../../src/notify/subscriptions';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { openSqlite } from '../../src/storage/sqlite';
import { validateCard } from '../support/validate-card';

const CONVERSATION = '19:channel-1@thread.tacv2';
const ADMIN = '6a1c9a1e-0000-4000-8000-000000000001';
const AT = new Date('2026-11-20T08:00:00Z');

const context = (args: string[], extra: Partial<CommandContext> = {}): CommandContext => ({
  args,
  conversationId: CONVERSATION,
  user: { id: '29:user-1', aadObjectId: ADMIN, name: 'Ada Admin' },
  authenticated: true,
  reference: {
    bot: { id: '28:afsbot', name: 'afsbot' },
    channelId: 'msteams',
    conversation: { id: CONVERSATION, conversationType: 'channel' },
    serviceUrl: 'https://smba.example.test/emea/',
  },
  activityId: 'act-1',
  ...extra,
});

/** A logger whose lines the test reads. */
function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

const kv = () => new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-commands-'))));
const texts = (replies: Reply[]) => replies.map((r) => (typeof r === 'string' ? r : '[cards]'));
const cardsOf = (replies: Reply[]) =>
  replies.flatMap((r) => (typeof r === 'string' ? [] : r.cards));

describe('the command table', () => {
  it('finds each command by its text, with its arguments, and leaves questions alone', () => {
    expect(findCommand('subscribe rg/sss/sg')).toMatchObject({
      command: { name: 'subscribe' },
      args: ['rg/sss/sg'],
    });
    expect(findCommand('/help')?.command.name).toBe('help');
    expect(findCommand('help me with 0x80c8305f')).toBeNull();
  });

  it('lists every command in help, as one valid card', async () => {
    const replies = await helpCommand(() => commands).run(context([]), undefined);
    expect(replies).toHaveLength(1);
    const [card] = cardsOf(replies);
    expect(validateCard(card)).toEqual([]);
    for (const c of commands) expect(JSON.stringify(card)).toContain(c.usage.split(' ')[0]);
  });
});

describe('subscriptions', () => {
  const store = kv();
  const services = {
    subscriptions: new Subscriptions(store),
    refs: new ConversationRefs(store),
    log: createLogger('silent'),
    now: () => AT,
  };
  const target = 'rg-files/sss-prod/sg-finance';

  it('subscribes the conversation, keeping where it is, and says so once', async () => {
    expect(await subscribe.run(context([target]), services)).toEqual([
      'Subscribed: failures of rg\\-files/sss\\-prod/sg\\-finance will be posted here.',
    ]);
    expect((await services.refs.get(CONVERSATION))?.serviceUrl).toBe(
      'https://smba.example.test/emea/',
    );
    expect(texts(await subscribe.run(context([target]), services))[0]).toMatch(
      /already subscribed/,
    );
  });

  it('lists who subscribed and when', async () => {
    expect(await listSubscriptions.run(context([]), services)).toEqual([
      'Subscriptions here:\n\n- rg\\-files/sss\\-prod/sg\\-finance, by Ada Admin on 2026-11-20',
    ]);
  });

  it('unsubscribes, then says there is nothing to remove', async () => {
    expect(texts(await unsubscribe.run(context([target]), services))[0]).toMatch(/^Unsubscribed/);
    expect(texts(await unsubscribe.run(context([target]), services))[0]).toMatch(
      /was not subscribed/,
    );
    expect(texts(await listSubscriptions.run(context([]), services))[0]).toMatch(
      /^No subscriptions here/,
    );
  });

  it('explains the form of a sync group, markdown escaped, for a missing or malformed one', async () => {
    for (const arg of ['', 'only-two/parts']) {
      const [reply] = await subscribe.run(context([arg]), services);
      expect(reply).toMatch(/^Usage: subscribe \\<resource\\-group\\>/);
    }
    expect(await services.subscriptions.ofConversation(CONVERSATION)).toEqual([]);
  });
});

describe('status', () => {
  const matcher = new Matcher(loadIndex());

  it('without a health API tells the person to ask their admin, and logs the setting', async () => {
    const { log, lines } = capturingLog();
    const replies = await status.run(context(['rg/sss/sg']), {
      health: noneProvider,
      matcher,
      log,
    });
    expect(texts(replies)[0]).toMatch(/has not been linked to Azure File Sync health yet/);
    expect(lines).toEqual([
      expect.objectContaining({ activityId: 'act-1', setting: 'HEALTH_PROVIDER', level: 40 }),
    ]);
  });

  it('explains its form for a malformed sync group, without asking the health API', async () => {
    const { log, lines } = capturingLog();
    const [reply] = await status.run(context(['x']), { health: noneProvider, matcher, log });
    expect(reply).toMatch(/^Usage: status /);
    expect(lines).toEqual([]);
  });
});

describe('gaps', () => {
  const matcher = new Matcher(loadIndex());
  const recorder = new Gaps({
    store: new GapStore(kv()),
    retentionDays: 30,
    admins: [ADMIN],
    log: createLogger('silent'),
    now: () => AT,
  });

  it('says how to turn it on when gaps are not recorded', async () => {
    const [reply] = await gaps.run(context([]), { matcher, log: createLogger('silent') });
    expect(reply).toMatch(/GAPS_RETENTION_DAYS/);
  });

  it('shows a listed admin on an authenticated request the gaps card', async () => {
    const replies = await gaps.run(context([]), {
      gaps: recorder,
      matcher,
      log: createLogger('silent'),
    });
    expect(replies).toHaveLength(1);
    expect(typeof replies[0] === 'string' ? null : replies[0].summary).toBe('Knowledge gaps');
    expect(validateCard(cardsOf(replies)[0])).toEqual([]);
  });

  it('refuses the same admin when the request was not authenticated, and logs why', async () => {
    const { log, lines } = capturingLog();
    const [reply] = await gaps.run(context([], { authenticated: false }), {
      gaps: recorder,
      matcher,
      log,
    });
    expect(reply).toMatch(/^The gaps command is for the knowledge maintainers/);
    expect(lines).toEqual([expect.objectContaining({ authenticated: false, activityId: 'act-1' })]);
  });

  it('refuses someone not listed', async () => {
    const user = { id: '29:user-2', aadObjectId: 'someone-else', name: 'Bo' };
    const [reply] = await gaps.run(context([], { user }), {
      gaps: recorder,
      matcher,
      log: createLogger('silent'),
    });
    expect(reply).toMatch(/^The gaps command is for the knowledge maintainers/);
  });
});

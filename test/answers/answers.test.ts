import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answers, votedCards } from '../../src/answers';
import { cardForAnswer, FEEDBACK_THANKS, hasFeedbackFor } from '../../src/cards';
import { loadIndex } from '../../src/knowledge/load';
import { createLogger } from '../../src/log';
import { Matcher } from '../../src/matching/ask';
import { Metrics } from '../../src/metrics';
import { SqliteBotStore } from '../../src/storage/bot-store';
import { openSqlite } from '../../src/storage/sqlite';

const matcher = new Matcher(loadIndex());
const CODE_ENTRY = 'afs-err-80c8305f';

function answers(cacheSize = 16) {
  const db = openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-answers-')));
  const store = new SqliteBotStore(db);
  const metrics = new Metrics();
  const at = new Date('2026-01-02T03:04:05Z');
  return {
    answers: new Answers({ matcher, store, metrics, cacheSize, now: () => at }),
    store,
    metrics,
  };
}

async function cacheCount(metrics: Metrics, result: 'hit' | 'miss'): Promise<number> {
  const m = new RegExp(`afsbot_answer_cache_total\\{result="${result}"\\} (\\d+)`).exec(
    await metrics.text(),
  );
  return Number(m?.[1] ?? 0);
}

describe('asking', () => {
  it('answers a code with the cards the templates build and the AskResult of the matcher', () => {
    const { answers: a } = answers();
    const reply = a.reply('sync fails with 0x80c8305f');
    const answer = matcher.ask('sync fails with 0x80c8305f');
    expect(reply.result).toEqual(answer.result);
    expect(reply.cards).toEqual(cardForAnswer(answer, (id) => matcher.entry(id)));
    expect(reply.asked).toBe(CODE_ENTRY);
    expect(reply.summary).toBe(matcher.entry(CODE_ENTRY)!.title);
  });

  it('answers a code sent with a question about deleting to fix it with the FAQ card first', () => {
    const { answers: a } = answers();
    const reply = a.reply(
      'getting 0x80c8600d, should I delete the server endpoint and add it back?',
    );
    expect(reply.result.matches.slice(0, 3).map((m) => m.id)).toEqual([
      'afs-im-having-an-issue-with-azure-file-sync-on-my-server',
      'afs-deprovision-or-delete-your-azure-file-sync-server',
      'afs-err-80c8600d',
    ]);
    expect(reply.cards).toHaveLength(2);
    const [first, second] = reply.cards.map((c) => JSON.stringify(c));
    expect(first).toContain('Should I remove and recreate my server endpoint?');
    expect(first).toContain('resolve sync issues by deprovisioning a server endpoint');
    expect(second).toContain('Time out error.');
  });

  it('answers the same text again from its cache, counting a miss then a hit', async () => {
    const { answers: a, metrics } = answers();
    const first = a.reply('0x80c8305f');
    const again = a.reply('0x80c8305f');
    expect(again).toBe(first);
    expect(Object.isFrozen(again.cards)).toBe(true);
    expect(await cacheCount(metrics, 'miss')).toBe(1);
    expect(await cacheCount(metrics, 'hit')).toBe(1);
  });

  it('with a cache of 0 works every answer out again', async () => {
    const { answers: a, metrics } = answers(0);
    expect(a.reply('0x80c8305f')).not.toBe(a.reply('0x80c8305f'));
    expect(await cacheCount(metrics, 'hit')).toBe(0);
  });

  it('counts an entry as asked only for a confident answer the conversation was given', () => {
    const { answers: a, store } = answers();
    a.answered(a.reply('what is the weather in Paris tomorrow'), []);
    expect(store.mostAsked(5)).toEqual([]);
    a.answered(a.reply('0x80c8305f'), []);
    store.flush();
    expect(store.mostAsked(5)).toEqual([CODE_ENTRY]);
  });

  it('warms up without filling the cache or its counts', async () => {
    const { answers: a, metrics } = answers();
    a.warmUp(createLogger('silent'));
    a.reply('0x80c8305f');
    expect(await cacheCount(metrics, 'miss')).toBe(1);
    expect(await cacheCount(metrics, 'hit')).toBe(0);
  });

  it('refuses a message over the matcher limit with its coded error', () => {
    const { answers: a } = answers();
    expect(() => a.reply('x'.repeat(1024 * 1024 + 1))).toThrow(
      expect.objectContaining({ code: 'input_too_large' }),
    );
  });
});

describe('card buttons', () => {
  it('opens the entry a "show" button names, counted as asked', () => {
    const { answers: a, store } = answers();
    const opened = a.open({ entryId: CODE_ENTRY }, []);
    expect(opened?.entry.id).toBe(CODE_ENTRY);
    expect(opened?.card).toEqual(a.entryCard(matcher.entry(CODE_ENTRY)!));
    store.flush();
    expect(store.mostAsked(1)).toEqual([CODE_ENTRY]);
  });

  it('opens nothing for an id the knowledge does not hold, or data of the wrong shape', () => {
    const { answers: a, store } = answers();
    expect(a.open({ entryId: 'no-such-entry' }, [])).toBeUndefined();
    expect(a.open('afs-err-80c8305f', [])).toBeUndefined();
    store.flush();
    expect(store.mostAsked(1)).toEqual([]);
  });

  it('records a vote once per person and entry, and counts it', async () => {
    const { answers: a, store, metrics } = answers();
    const voter = { userId: 'u1', conversationId: 'c1' };
    expect(a.vote({ entryId: CODE_ENTRY, helpful: false }, voter)?.id).toBe(CODE_ENTRY);
    expect(a.vote({ entryId: CODE_ENTRY, helpful: true }, voter)?.id).toBe(CODE_ENTRY);
    expect(store.feedbackCounts(CODE_ENTRY)).toEqual({ helpful: 1, notHelpful: 0 });
    expect(await metrics.text()).toMatch(/afsbot_feedback_total\{helpful="false"\} 1/);
  });

  it('records no vote for data the feedback buttons never send', () => {
    const { answers: a, store } = answers();
    const voter = { userId: 'u1', conversationId: 'c1' };
    expect(a.vote({ entryId: CODE_ENTRY, helpful: 'yes' }, voter)).toBeUndefined();
    expect(a.vote({ entryId: 'no-such-entry', helpful: true }, voter)).toBeUndefined();
    expect(store.feedbackCounts(CODE_ENTRY)).toEqual({ helpful: 0, notHelpful: 0 });
  });

  it('replaces the feedback row of the voted card only, leaving the other cards as they were', () => {
    const { answers: a } = answers();
    const { cards } = a.reply('0x80c8305f and 0x80070005');
    expect(cards.length).toBeGreaterThan(1);
    const entryId = matcher.ask('0x80070005').entries[0].id;
    const voted = votedCards(cards, entryId);
    const index = cards.findIndex((c) => hasFeedbackFor(c, entryId));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(voted?.updated)).toContain(FEEDBACK_THANKS);
    expect(voted?.cards.filter((_, i) => i !== index)).toEqual(cards.filter((_, i) => i !== index));
    expect(votedCards(cards, 'no-such-entry')).toBeNull();
  });
});

describe('search suggestions', () => {
  it('lists question entries before anything is asked, then the entries asked most', () => {
    const { answers: a, store } = answers();
    const before = a.suggest('', 3);
    expect(before.length).toBe(3);
    expect(before.every((e) => e.kind === 'question')).toBe(true);
    store.recordAsked(CODE_ENTRY);
    store.flush();
    expect(a.suggest('', 3).map((e) => e.id)).toEqual([CODE_ENTRY]);
  });

  it('matches a typed text', () => {
    const { answers: a } = answers();
    expect(a.suggest('0x80c8305f', 8)[0].id).toBe(CODE_ENTRY);
  });
});

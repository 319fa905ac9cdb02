/** The card buttons called directly: what a button sent in, the invoke's answer and the messages out. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answers } from '../../src/answers';
import { cardAction, type CardActionContext } from '../../src/bot/card-action';
import { SentCards } from '../../src/bot/sent-cards';
import { FEEDBACK_THANKS } from '../../src/cards';
import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { Metrics } from '../../src/metrics';
import { SqliteBotStore } from '../../src/storage/bot-store';
import { openSqlite } from '../../src/storage/sqlite';

const matcher = new Matcher(loadIndex());
const ENTRY = 'afs-err-80c8305f';
const user = { id: '29:user-1', aadObjectId: 'aad-1', name: 'Ada Admin' };

function services() {
  const store = new SqliteBotStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-action-'))));
  const answers = new Answers({
    matcher,
    store,
    metrics: new Metrics(),
    cacheSize: 0,
    now: () => new Date('2026-11-20T08:00:00Z'),
  });
  return { answers, sent: new SentCards(), store };
}

const press = (verb: string, data: unknown, extra: Partial<CardActionContext> = {}) => ({
  verb,
  data,
  user,
  conversationId: 'conv-1',
  replyToId: 'msg-1',
  ...extra,
});

describe('card buttons', () => {
  it('opens an entry as a new message and answers the invoke with a note', () => {
    const s = services();
    const { response, replies } = cardAction(press('show', { entryId: ENTRY }), s);
    const title = matcher.entry(ENTRY)!.title;
    expect(response).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: `Opened “${title.slice(0, 80)}” below.`,
    });
    expect(replies).toEqual([
      { cards: [s.answers.entryCard(matcher.entry(ENTRY)!)], summary: title },
    ]);
  });

  it('refuses to open an entry the knowledge does not hold, sending nothing', () => {
    const { response, replies } = cardAction(press('show', { entryId: 'gone' }), services());
    expect(response).toMatchObject({ statusCode: 400, value: { code: 'BadRequest' } });
    expect(replies).toEqual([]);
  });

  it('replaces the feedback row of the remembered card it came from, and keeps the new card', () => {
    const s = services();
    const card = s.answers.entryCard(matcher.entry(ENTRY)!);
    s.sent.remember('conv-1', 'msg-1', [card]);
    const { response, replies } = cardAction(
      press('feedback', { entryId: ENTRY, helpful: true }),
      s,
    );
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(response.value)).toContain(FEEDBACK_THANKS);
    expect(s.sent.get('conv-1', 'msg-1')).toEqual([response.value]);
    expect(replies).toEqual([]);
    expect(s.store.feedbackCounts(ENTRY)).toEqual({ helpful: 1, notHelpful: 0 });
  });

  it('thanks with a note when the card is no longer held, the vote still recorded', () => {
    const s = services();
    const { response } = cardAction(press('feedback', { entryId: ENTRY, helpful: false }), s);
    expect(response.value).toBe(FEEDBACK_THANKS);
    expect(s.store.feedbackCounts(ENTRY)).toEqual({ helpful: 0, notHelpful: 1 });
  });

  it('refuses feedback data it never sends, and verbs it does not offer', () => {
    const s = services();
    expect(cardAction(press('feedback', { entryId: ENTRY }), s).response).toMatchObject({
      statusCode: 400,
      value: { code: 'BadRequest' },
    });
    expect(cardAction(press('delete', {}), s).response).toMatchObject({
      statusCode: 400,
      value: { code: 'NotSupported' },
    });
    expect(s.store.feedbackCounts(ENTRY)).toEqual({ helpful: 0, notHelpful: 0 });
  });
});

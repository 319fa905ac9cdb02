import { cardForAnswer, MAX_CARD_BYTES, MAX_MESSAGE_BYTES } from '../../src/cards';
import type { AdaptiveCard, CardNode } from '../../src/cards/types';
import { actionsOf, allText, byId, hasId } from './card-text';
import { entries, index, matcher, pastes } from './fixtures';
import { validateCard } from '../support/validate-card';

const titleOf = (card: AdaptiveCard) => byId(card, 'title').text;
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

function expectValid(cards: AdaptiveCard[]): void {
  for (const c of cards) expect(validateCard(c)).toEqual([]);
  expect(bytes(cards)).toBeLessThan(MAX_CARD_BYTES);
}

describe('the cards for an answer', () => {
  it('answers one code with one answer card', () => {
    const a = matcher.ask('sync fails with 0x80c8305f');
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(1);
    expect(titleOf(cards[0])).toBe(a.entries[0].title);
    expect(allText(byId(cards[0], 'codes'))).toContain('in your message');
    expectValid(cards);
  });

  it('answers two codes of one entry with one card', () => {
    const [first, second] = entries.sessionWithCommands.codes;
    const cards = cardForAnswer(matcher.ask(`${first.hresult} then ${second.hresult}`));
    expect(cards).toHaveLength(1);
    expect(titleOf(cards[0])).toBe(entries.sessionWithCommands.title);
  });

  it('answers several codes with a carousel of answer cards, the pasted report on the first', () => {
    const a = matcher.ask(pastes['errors-report']);
    expect(a.reason).toBe('codes');
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(a.found.length);
    expect(cards.map(titleOf)).toEqual(a.entries.slice(0, a.found.length).map((e) => e.title));
    expect(cards[0].body[0].id).toBe('event');
    expect(cards.slice(1).some((c) => hasId(c, 'event'))).toBe(false);
    expectValid(cards);
  });

  it('answers more codes than fit in one message with the compact list', () => {
    const big = [...index.entries]
      .filter((e) => e.kind === 'session-error' && e.codes[0]?.hresult)
      .sort((x, y) => JSON.stringify(y).length - JSON.stringify(x).length)
      .slice(0, 12);
    const a = matcher.ask(big.map((e) => e.codes[0].hresult).join(', '));
    expect(a.reason).toBe('codes');
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(1);
    const rows = byId(cards[0], 'rows').items as CardNode[];
    expect(rows).toHaveLength(a.found.length);
    expect(actionsOf(cards[0]).every((x) => x.verb === 'show')).toBe(true);
    expectValid(cards);
  });

  it('answers a question with the best entry, its related buttons titled from the answer', () => {
    const a = matcher.ask('how do I run AFSDiag to collect traces');
    expect(a.reason).toBe('text');
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(1);
    expect(titleOf(cards[0])).toBe(a.entries[0].title);
    expectValid(cards);
  });

  it('offers the next matches of a question under the answer, each a click away', () => {
    const a = matcher.ask('how do I run AFSDiag to collect traces');
    expect(a.reason).toBe('text');
    const [card] = cardForAnswer(a, (id) => matcher.entry(id));
    const others = byId(card, 'others');
    expect(allText(others)).toContain('Other matches');
    for (const e of a.entries.slice(1, 3)) expect(allText(others)).toContain(e.title);
    expect(actionsOf(others).map((x) => x.data)).toEqual(
      a.entries.slice(1, 3).map((e) => ({ entryId: e.id })),
    );
    expectValid([card]);
  });

  it('puts every one of the first three matches on the card, the related ones not twice', () => {
    // An answer whose related entries include one of its question's next two matches.
    const a = matcher.ask('dependent folder not synced yet error');
    expect(a.reason).toBe('text');
    const [card] = cardForAnswer(a, (id) => matcher.entry(id));
    const ids = (n: CardNode) => actionsOf(n).map((x) => (x.data as { entryId: string }).entryId);
    const related = ids(byId(card, 'related'));
    const others = ids(byId(card, 'others'));
    expect(a.entries.slice(1, 3).some((e) => related.includes(e.id))).toBe(true);
    expect(others.filter((id) => related.includes(id))).toEqual([]);
    expect(others).toEqual(
      a.entries
        .slice(1)
        .filter((e) => !related.includes(e.id))
        .slice(0, 2)
        .map((e) => e.id),
    );
    for (const e of a.entries.slice(0, 3))
      expect(e.id === a.entries[0].id || [...related, ...others].includes(e.id)).toBe(true);
    expectValid([card]);
  });

  it('offers no other matches for a code: its entry is exact', () => {
    const a = matcher.ask('sync fails with 0x80c8305f');
    expect(a.entries.length).toBeGreaterThan(1);
    const cards = cardForAnswer(a, (id) => matcher.entry(id));
    expect(cards.some((c) => hasId(c, 'others'))).toBe(false);
  });

  it('leads with the articles answer to a destructive question sent with a code, then the code', () => {
    const a = matcher.ask(
      'getting 0x80c8600d, should I delete the server endpoint and add it back?',
    );
    const cards = cardForAnswer(a, (id) => matcher.entry(id));
    expect(cards.map(titleOf)).toEqual([
      matcher.entry('afs-im-having-an-issue-with-azure-file-sync-on-my-server')!.title,
      matcher.entry('afs-err-80c8600d')!.title,
    ]);
    expect(allText(cards[0])).toMatch(/Don't try to resolve sync issues by deprovisioning/);
    expect(allText(byId(cards[1], 'codes'))).toContain('in your message');
    expectValid(cards);
  });

  it('offers did-you-mean for an ambiguous question', () => {
    const a = matcher.ask('sync session error');
    expect(a.result.verdict).toBe('did-you-mean');
    const [card, ...rest] = cardForAnswer(a);
    expect(rest).toEqual([]);
    expect(actionsOf(card).map((x) => x.data)).toEqual(
      a.entries.slice(0, 3).map((e) => ({ entryId: e.id })),
    );
    expectValid([card]);
  });

  it('decodes an unknown code', () => {
    const a = matcher.ask('0x80c8ffff on FS01');
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(1);
    expect(allText(cards[0])).toContain('FACILITY_AZURE_FILE_SYNC');
    expectValid(cards);
  });

  it('decodes the unknown code and answers the known one of the same message', () => {
    const a = matcher.ask('FS01 0x80c8ffff, FS02 0x80c8305f');
    expect(a.reason).toBe('unknown-code');
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(2);
    expect(allText(cards[0])).toContain('do not list 0x80c8ffff,');
    expect(allText(cards[0])).not.toContain('0x80c8305f');
    expect(allText(cards[1])).toContain('0x80c8305f');
    expectValid(cards);
  });

  it('names an unknown MARS id', () => {
    const a = matcher.ask('MARS backup agent fails with Error 34999');
    expect(a.reason).toBe('unknown-code');
    const cards = cardForAnswer(a);
    expect(allText(cards[0])).toContain('MARS error ID 34999');
    expectValid(cards);
  });

  it.each([
    ['off-topic', 'what is the weather in Lisbon'],
    ['empty', '   '],
  ])('says what the bot can do when the message is %s', (reason, q) => {
    const a = matcher.ask(q);
    expect(a.reason).toBe(reason);
    const cards = cardForAnswer(a);
    expect(cards).toHaveLength(1);
    expect(hasId(cards[0], 'examples')).toBe(true);
    expectValid(cards);
  });

  it.each(Object.keys(pastes))('gives valid cards for the pasted %s sample', (name) => {
    const a = matcher.ask(pastes[name]);
    const cards = cardForAnswer(a);
    expect(cards.length).toBeGreaterThan(0);
    expect(a.events.length).toBeGreaterThan(0);
    expect(cards[0].body[0].id).toBe('event');
    expectValid(cards);
  });

  it('keeps the largest entry’s whole message under 40 KB', () => {
    const e = entries.largest;
    const q = e.codes[0]?.hresult ?? e.title;
    const a = matcher.ask(`${q}\n${pastes['9102-failed']}`);
    expect(a.entries[0].id).toBe(e.id);
    const cards = cardForAnswer(a);
    expect(bytes(cards)).toBeLessThan(MAX_MESSAGE_BYTES);
    expectValid(cards);
  });
});

import { CARD_SCHEMA, type AdaptiveCard } from '../../src/cards';
import { AnswerCache, type CachedAnswer } from '../../src/answers/answer-cache';

const card = (title: string): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [{ type: 'TextBlock', text: title }],
  actions: [],
  msteams: { width: 'Full' },
});

const reply = (title: string): CachedAnswer => ({
  reason: 'codes',
  result: { query: title, confident: true, verdict: 'answer', codes: [], matches: [] },
  asked: 'entry-1',
  cards: [card(title)],
});

describe('AnswerCache', () => {
  it('gives back the reply kept for the same text, and nothing for another text', () => {
    const cache = new AnswerCache(4);
    cache.set('0x80c8305f', reply('a'));
    expect(cache.get('0x80c8305f')?.asked).toBe('entry-1');
    expect(cache.get('0x80c8305F')).toBeUndefined();
  });

  it('freezes what it keeps, to the last card property', () => {
    const cache = new AnswerCache(4);
    const kept = cache.set('q', reply('a'));
    const block = kept.cards[0].body[0];
    expect(() => {
      block.text = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(kept.cards)).toBe(true);
  });

  it('keeps long pastes under a digest: equal texts hit, texts differing at the end do not', () => {
    const cache = new AnswerCache(4);
    const long = 'x'.repeat(30_000);
    cache.set(long, reply('long'));
    expect(cache.get('x'.repeat(30_000))).toBeDefined();
    expect(cache.get('x'.repeat(29_999) + 'y')).toBeUndefined();
  });

  it('forgets the least recently used reply beyond its capacity', () => {
    const cache = new AnswerCache(2);
    cache.set('a', reply('a'));
    cache.set('b', reply('b'));
    cache.set('c', reply('c'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('with capacity 0 keeps nothing and hands the reply back as it was', () => {
    const cache = new AnswerCache(0);
    const r = reply('a');
    expect(cache.set('a', r)).toBe(r);
    expect(Object.isFrozen(r)).toBe(false);
    expect(cache.get('a')).toBeUndefined();
  });
});

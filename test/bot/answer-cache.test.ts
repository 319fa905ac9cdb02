import { AnswerCache, type CachedAnswer } from '../../src/bot/answer-cache';

const reply = (title: string): CachedAnswer => ({
  reason: 'codes',
  verdict: 'answer',
  asked: 'entry-1',
  message: {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { title } }],
  },
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
    const content = kept.message.attachments![0].content as { title: string };
    expect(() => {
      content.title = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(kept.message.attachments)).toBe(true);
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

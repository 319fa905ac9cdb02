import { loadIndex } from '../../src/knowledge/load';
import { MAX_INPUT_BYTES, Matcher } from '../../src/matching/ask';
import { browse } from '../../src/matching/browse';
import { TypoIndex } from '../../src/matching/typo-index';
import { work } from '../../src/matching/work';
import { messageText, MAX_TEXT_CHARS } from '../../src/bot/message-text';
import { stripMarkup } from '../../src/bot/strip-markup';
import { HOSTILE_KINDS, HOSTILE_SIZES, randomWord } from '../bench/hostile-corpus';

// Work is counted, not timed: characters scanned or copied, candidates compared, table cells.
const matcher = new Matcher(loadIndex());
// The lazily built parts (typo index) are built before anything is counted.
matcher.ask('how do I monitor sync health on a server endpont');

/** Units of work per input character any message may cost, whatever it holds. */
const PER_CHAR = 40;
/** Work any message may cost on top of that (a short question's whole budget). */
const FIXED = 200_000;

const cases = HOSTILE_KINDS.flatMap((k) =>
  HOSTILE_SIZES.map((size) => [k.name, size, k.make(size)] as const),
);

describe('the matcher does bounded work for any text', () => {
  it.each([300, 400, 600, 800, 3072])(
    'a %i-character word costs work linear in its length',
    (n) => {
      const q = randomWord(n, undefined, n);
      work.take();
      matcher.ask(q);
      expect(work.take()).toBeLessThanOrEqual(PER_CHAR * n + FIXED);
    },
  );

  it.each(cases)('%s at %i characters costs work linear in its length', (_name, size, q) => {
    work.take();
    if (Buffer.byteLength(q) > MAX_INPUT_BYTES) {
      // Refused before any stage reads it.
      expect(() => matcher.ask(q)).toThrow(/over 1048576 bytes/);
      expect(work.take()).toBe(0);
      return;
    }
    matcher.ask(q);
    const units = work.take();
    expect(units).toBeGreaterThan(0);
    expect(units).toBeLessThanOrEqual(PER_CHAR * size + FIXED);
  });

  it.each(cases.filter(([, size]) => size <= 2000))(
    '%s at %i characters costs the tab search bounded work',
    (_name, size, q) => {
      work.take();
      browse(matcher, { q: q.slice(0, 2000), product: '', remediation: '', limit: 50 });
      expect(work.take()).toBeLessThanOrEqual(PER_CHAR * size + FIXED);
    },
  );

  it.each(cases.filter(([, size]) => size <= 256 * 1024))(
    'mention stripping reads %s at %i characters in linear work',
    (_name, size, q) => {
      work.take();
      stripMarkup(q);
      const units = work.take();
      // Every character is read at least once, and each only a few times.
      expect(units).toBeGreaterThanOrEqual(size);
      expect(units).toBeLessThanOrEqual(8 * size);
    },
  );
});

describe('typo correction has a hard bound per token', () => {
  const index = new TypoIndex(['replica', 'register', 'registration', 'tiering', 'endpoint'], 2);

  it('examines nothing for a token longer than any plausible word', () => {
    work.take();
    expect(index.near(randomWord(3072), 2)).toEqual([]);
    expect(work.take()).toBeLessThanOrEqual(64);
  });

  it('still corrects a word of ordinary length', () => {
    expect(index.near('registraton', 2)[0]).toEqual({ word: 'registration', distance: 1 });
  });

  it('examines at most a capped number of candidates for one token', () => {
    // Every word of the list shares deletions with the query: the cap, not the list, bounds it.
    const many = new TypoIndex(
      Array.from({ length: 5000 }, (_, i) => `ab${i.toString(36).padStart(4, 'x')}`),
      2,
    );
    work.take();
    many.near('abxxxx', 2);
    expect(work.take()).toBeLessThanOrEqual(20_000);
  });
});

describe('a turn reads a bounded part of any message', () => {
  it.each(HOSTILE_KINDS.map((k) => [k.name, k.make(1024 * 1024)] as const))(
    '%s at 1 MB: only the first 32 KB are read',
    (_name, q) => {
      work.take();
      const text = messageText({ text: q, recipient: { id: 'bot', name: 'afsbot' }, entities: [] });
      expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      expect(work.take()).toBeLessThanOrEqual(8 * MAX_TEXT_CHARS);
    },
  );
});

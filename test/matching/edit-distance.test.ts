import { editDistance } from '../../src/matching/edit-distance';
import { work } from '../../src/matching/work';
import { randomWord, seeded } from '../bench/hostile-corpus';

/** The full table, for comparison: optimal string alignment distance. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

describe('bounded edit distance', () => {
  it('agrees with the full table on every pair within the bound', () => {
    const rnd = seeded(3);
    for (let k = 0; k < 3000; k++) {
      const a = randomWord(1 + Math.floor(rnd() * 9), 'abc', k);
      const b = randomWord(1 + Math.floor(rnd() * 9), 'abc', k + 10_000);
      for (const max of [1, 2, 3]) {
        const exact = reference(a, b);
        expect([a, b, max, editDistance(a, b, max)]).toEqual([a, b, max, Math.min(exact, max + 1)]);
      }
    }
  });

  it('handles empty strings and swaps', () => {
    expect(editDistance('', 'ab', 2)).toBe(2);
    expect(editDistance('ab', '', 1)).toBe(2);
    expect(editDistance('tiering', 'teiring', 1)).toBe(1);
  });

  it('computes only the diagonal band, not the whole table', () => {
    const a = 'x'.repeat(5000);
    work.take();
    expect(editDistance(a, a, 2)).toBe(0);
    expect(work.take()).toBeLessThanOrEqual(5 * 5000);
  });
});

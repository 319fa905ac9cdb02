/**
 * The free-text search sums each term's remembered BM25 scores instead of asking MiniSearch for
 * the whole query. With one term per word it must find exactly what MiniSearch finds, with the
 * same scores and the same matched terms, for every evaluation question and bench message; a
 * word with synonyms then counts once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type MiniSearch from 'minisearch';
import { loadIndex } from '../../src/knowledge/load';
import { TextIndex } from '../../src/matching/search';
import { readSearchSnapshot } from '../../src/matching/search-snapshot';
import { TermScores, wordScores, type Bm25Result } from '../../src/matching/term-scores';
import { RANK_WEIGHTS, type RankWeights } from '../../src/matching/weights';
import { BenchMessages } from '../bench/unique-messages';
import { ROOT } from '../helpers';

type Found = Bm25Result;

const index = new TextIndex(loadIndex().entries, readSearchSnapshot()?.text);
/** The index's own MiniSearch, and the summing of term scores over it that the index uses. */
const { mini } = index as unknown as { mini: MiniSearch };
const termScores = new TermScores(mini);
const texts = [
  ...readFileSync(join(ROOT, 'test', 'eval', 'queries.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { q: string }).q),
  ...Array.from({ length: 400 }, (_, n) => new BenchMessages(ROOT).unique(n)),
];

/** What MiniSearch answers for the whole query, in the form the rerank reads. */
const direct = (terms: string[], weights: RankWeights): Found[] =>
  mini
    .search(terms.join(' '), { boost: { ...weights.fields } })
    .map((r) => ({ id: r.id as string, score: r.score, queryTerms: r.queryTerms }));

describe('BM25 from remembered term scores', () => {
  it.each([
    ['the weights in use', RANK_WEIGHTS],
    ['other field weights', { ...RANK_WEIGHTS, fields: { ...RANK_WEIGHTS.fields, keywords: 4 } }],
  ])('finds what MiniSearch finds, scored alike, with %s', (_, weights) => {
    let compared = 0;
    for (const t of texts) {
      const { terms } = index.shape(t);
      if (terms.length === 0) continue;
      compared++;
      const byId = (xs: Found[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
      const mine = termScores.searchWords(
        terms.map((t) => [t]),
        weights,
      );
      const theirs = direct(terms, weights);
      expect(byId(mine)).toEqual(byId(theirs));
      // Best first in both; entries of equal score may stand in another order.
      expect(mine.map((x) => x.score)).toEqual(theirs.map((x) => x.score));
    }
    expect(compared).toBeGreaterThan(600);
  });
});

describe("BM25 by the question's words", () => {
  const weights = RANK_WEIGHTS;

  // "stuck" is searched as stuck, pending and in progress: one word of the question. Summed as
  // three terms, an entry saying all three scored nine times an entry saying one (three terms'
  // scores, times three terms matched), and outranked entries matching the question's other words.
  it('counts a word with synonyms once, at the best score of its terms', () => {
    const stuck = index.shape('stuck');
    expect(stuck.terms.length).toBeGreaterThan(1);
    const per = new Map(stuck.terms.map((t) => [t, index.scoresOf(t, weights)]));
    const [top] = index.search('stuck', 1, 'bm25', weights).hits;
    const best = Math.max(...stuck.terms.map((t) => per.get(t)!.get(top.entry.id) ?? 0));
    expect(top.raw).toBeCloseTo(best, 9);
  });

  it('orders entries of equal score by id', () => {
    const one = new Map([
      ['b', 1],
      ['a', 1],
    ]);
    expect(wordScores([['x']], () => one).map((r) => r.id)).toEqual(['a', 'b']);
  });
});

import type MiniSearch from 'minisearch';
import { Lru } from '../lru';
import type { RankWeights } from './weights';

/** Field boost settings whose term scores are remembered (tuning tries a dozen). */
const FIELD_SETTINGS_KEPT = 32;
/**
 * Terms whose per-entry scores are remembered. Every search asks them (query terms are always
 * words of the knowledge's vocabulary, about 1,200 today), so all are kept: matching takes a
 * fifth less than with 256, for about 0.1 MB more.
 */
const TERM_SCORES_KEPT = 2048;

/** One entry found by a BM25 search: its score and the query terms it matched, in query order. */
export interface Bm25Result {
  id: string;
  score: number;
  queryTerms: string[];
}

/**
 * BM25 over the knowledge's MiniSearch index, from each term's scores remembered once asked:
 * questions repeat the field's words, so most searches are sums of scores already known.
 */
export class TermScores {
  /** Per-term scores by the field boosts' values. */
  private readonly kept = new Map<string, Lru<string, ReadonlyMap<string, number>>>();
  /** The key of each boosts object seen, worked out once rather than for every term asked. */
  private readonly keys = new WeakMap<object, string>();

  constructor(private readonly mini: MiniSearch) {}

  /**
   * BM25 by the question's words: each word (`groups`: its stem and its synonyms' stems) counts
   * once, with the best score of its terms, and an entry's sum is multiplied by the number of
   * words it matched. A word with two synonyms weighs what any other word weighs, not three
   * times as much. With one term per word this is MiniSearch's own OR search of the terms.
   */
  searchWords(groups: readonly (readonly string[])[], weights: RankWeights): Bm25Result[] {
    return wordScores(groups, (t) => this.of(t, weights));
  }

  /** Each entry's BM25 score for one term alone (the parts `searchWords` sums; see `stability.ts`). */
  of(term: string, weights: RankWeights): ReadonlyMap<string, number> {
    // By the boosts' values: tuning makes a new object for each setting, of a dozen boosts.
    let boosts = this.keys.get(weights.fields);
    if (boosts === undefined)
      this.keys.set(weights.fields, (boosts = JSON.stringify(weights.fields)));
    let kept = this.kept.get(boosts);
    if (!kept) {
      if (this.kept.size >= FIELD_SETTINGS_KEPT) this.kept.clear();
      this.kept.set(boosts, (kept = new Lru(TERM_SCORES_KEPT)));
    }
    let out = kept.get(term);
    if (!out) {
      const scores = new Map<string, number>();
      for (const r of this.mini.search(term, { boost: { ...weights.fields } }))
        scores.set(r.id as string, r.score);
      kept.set(term, (out = scores));
    }
    return out;
  }
}

/**
 * Sums per-word scores (`TermScores.searchWords`) from each term's per-entry scores: best first,
 * entries of equal score by id. `queryTerms` lists every matched term of every matched word.
 */
export function wordScores(
  groups: readonly (readonly string[])[],
  scoresOf: (term: string) => ReadonlyMap<string, number> | undefined,
): Bm25Result[] {
  const sums = new Map<string, Bm25Result & { words: number }>();
  const best = new Map<string, number>();
  for (const group of groups) {
    best.clear();
    for (const t of group) {
      const scores = scoresOf(t);
      if (!scores) continue;
      for (const [id, score] of scores) {
        if (score > (best.get(id) ?? -Infinity)) best.set(id, score);
        const x = sums.get(id);
        if (!x) sums.set(id, { id, score: 0, queryTerms: [t], words: 0 });
        else if (!x.queryTerms.includes(t)) x.queryTerms.push(t);
      }
    }
    for (const [id, score] of best) {
      const x = sums.get(id)!;
      x.score += score;
      x.words++;
    }
  }
  return [...sums.values()]
    .map(({ id, score, queryTerms, words }) => ({ id, score: score * words, queryTerms }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

import type { Entry } from '../knowledge/schema';
import { intentOf } from './intent';
import { rerank } from './rerank';
import { RERANK_DEPTH, type TextHit, type TextIndex } from './search';
import { wordGroups } from './shaped';
import { wordScores } from './term-scores';
import type { RankWeights } from './weights';

/** Questions longer than this are not probed: a paste is not a question's few words. */
export const MAX_PROBED_CHARS = 300;
/** Content words a probed question may have: each is left out once. */
export const MAX_PROBES = 8;

/**
 * The best entry of the question with each of its content words left out in turn, or null when
 * the question is not probed (one word, more than MAX_PROBES, or longer than MAX_PROBED_CHARS).
 * Costs one search per distinct term, then arithmetic: the search scores a document by its
 * words' best term scores, summed, times the number of words matched (`wordScores`), so the
 * scores of any subset of the words follow.
 */
export function firstsWithoutEachWord(
  index: TextIndex,
  text: string,
  weights: RankWeights,
  keep: (hits: TextHit[]) => TextHit[],
): (Entry | undefined)[] | null {
  if (text.length > MAX_PROBED_CHARS) return null;
  const shaped = index.shape(text);
  const parts = shaped.parts.filter((p) => p.terms.length > 0);
  if (parts.length < 2 || parts.length > MAX_PROBES) return null;
  const perTerm = new Map(shaped.terms.map((t) => [t, index.scoresOf(t, weights)]));
  const intent = weights.intent ? intentOf(text) : null;
  return parts.map((_, i) => {
    const rest = parts.filter((_, j) => j !== i);
    const groups = wordGroups(shaped, rest);
    const kept = new Set(groups.flat());
    const results = wordScores(groups, (t) => perTerm.get(t)).slice(0, RERANK_DEPTH);
    const hits = rerank(
      index.rerankSource,
      results,
      kept,
      weights,
      { ...shaped, parts: rest },
      intent,
    );
    return keep(hits)[0]?.entry;
  });
}

/** True when `best` stays first whichever one content word of the question is left out. */
export function survivesEachWordDropped(
  index: TextIndex,
  text: string,
  weights: RankWeights,
  keep: (hits: TextHit[]) => TextHit[],
  best: Entry,
): boolean {
  const firsts = firstsWithoutEachWord(index, text, weights, keep);
  return !!firsts && firsts.every((e) => e === best);
}

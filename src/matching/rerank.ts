import type { Entry } from '../knowledge/schema';
import type { EntryModel } from './entry-model';
import { ANSWERED_BY, type Intent } from './intent';
import type { TextHit } from './search-results';
import { coverageOf, type Shaped } from './shaped';
import type { RankWeights } from './weights';

/** What reranking reads of the text index: titles, IDF, entries and the entry model. */
export interface RerankSource {
  /** Distinct terms of an entry's title. */
  titleTerms(id: string): readonly string[];
  idf(term: string): number;
  entry(id: string): Entry;
  model: EntryModel;
}

/** One result of BM25 (or its per-term sums), before reranking. */
export interface RankedResult {
  id: unknown;
  score: number;
  queryTerms: string[];
}

/**
 * BM25 favours long sections that repeat a word; a person's question usually restates a
 * section's title. Blend in how much of each candidate's title (IDF-weighted) the query holds,
 * how much of the question it covers, whether its kind answers the question's stated intent,
 * and the entry model's probability, each by its weight.
 */
export function rerank(
  source: RerankSource,
  results: RankedResult[],
  query: Set<string>,
  weights: RankWeights,
  shaped: Shaped,
  intent: Intent | null,
): TextHit[] {
  const titleWeight = weights.title;
  const fits = (e: Entry) => (intent && ANSWERED_BY[intent].has(e.kind) ? weights.intent : 0);
  const top = results[0]?.score ?? 0;
  if (top <= 0) return [];
  // Asked only when it counts: the ranking in use weighs it, tuning may not.
  const likely = weights.model
    ? source.model.probabilities(new Set(shaped.parts.flatMap((p) => p.terms)))
    : undefined;
  return results
    .map((r) => {
      let have = 0;
      let all = 0;
      for (const t of source.titleTerms(r.id as string)) {
        const w = source.idf(t);
        all += w;
        if (query.has(t)) have += w;
      }
      const overlap = all > 0 ? have / all : 0;
      // How much of the question (IDF-weighted) the entry speaks of: one rare word it shares
      // ("ASC", "recall") says more than four that every entry has.
      const covered = weights.coverage ? coverageOf(shaped, r.queryTerms) : 0;
      const entry = source.entry(r.id as string);
      const model = likely?.[source.model.indexOf(entry.id)];
      return {
        entry,
        score: r.score,
        matched: r.queryTerms,
        model,
        // A question that says it wants steps ("how do I…") is answered by a procedure, one
        // that asks what something means by the error or status that explains it.
        // The entry model's view: the words that tell this entry from its neighbours.
        blended:
          r.score / top +
          titleWeight * overlap +
          weights.coverage * covered +
          fits(entry) +
          weights.model * (model ?? 0),
      };
    })
    .sort((a, b) => b.blended - a.blended || (a.entry.id < b.entry.id ? -1 : 1))
    .map(({ entry, score, blended, matched, model }) => ({
      entry,
      score:
        (blended * top) / (1 + titleWeight + weights.coverage + weights.intent + weights.model),
      raw: score,
      matched,
      model,
    }));
}

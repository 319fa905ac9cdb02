/** What a free-text search returns (`TextIndex.search`). */
import type { Entry } from '../knowledge/schema';

/** One free-text candidate. `score` is the ranker's own, comparable only within one query. */
export interface TextHit {
  entry: Entry;
  score: number;
  /** The ranker's score before reranking. */
  raw?: number;
  /** Query terms the entry contains (BM25 only). */
  matched?: string[];
  /**
   * How likely the entry model (`entry-model.ts`) finds it that the text means this entry (BM25,
   * when the ranking weighs the model).
   */
  model?: number;
}

/** The result of one free-text search, with how much of the query the knowledge understood. */
export interface TextSearch {
  hits: TextHit[];
  /** Share of the query's meaning (IDF-weighted) that the knowledge has words for, 0-1. */
  coverage: number;
  /** Share of the query's meaning that the best entry itself speaks of, 0-1. */
  topCoverage: number;
  /** Content words of the query (after stop words). */
  words: number;
  /**
   * How specific the words the best entry matched are: their IDF summed, in units of the
   * rarest possible word. "sync error" scores near 0; a question naming a feature, 1 or more.
   */
  information: number;
  /** True when the best hit is also BM25's own best before reranking: two views agree. */
  agreed: boolean;
  /** `topCoverage` counting only words found as written: typo guesses do not make text relate. */
  topExactCoverage: number;
}

import { FIELD_BOOST } from './documents';

/** How free text is ranked: BM25 field boosts, and the weight of title overlap in the rerank. */
export interface RankWeights {
  fields: Record<keyof typeof FIELD_BOOST, number>;
  title: number;
}

/** When a free-text question is answered, offered candidates, or told the bot cannot help. */
export interface DecisionWeights {
  /** Share of the query's meaning (IDF-weighted) the best entry must speak of to answer. */
  minCoverage: number;
  /** Second-best (another topic) within this ratio of the best: a chooser, not an answer. */
  ambiguityRatio: number;
  /** Specificity (see `TextSearch.information`) the best entry's matched words must reach. */
  minInformation: number;
  /** Outside the field's words, a best entry covering this share of the query still relates. */
  relateCoverage: number;
}

export interface Weights {
  rank: RankWeights;
  decide: DecisionWeights;
}

/** The ranking weights in use (see `WEIGHTS`). */
export const RANK_WEIGHTS: RankWeights = { fields: { ...FIELD_BOOST }, title: 0.5 };

/**
 * The weights in use. The decision thresholds come from `afsbot eval --tune`: cross-validation
 * on the tuning half of `test/eval/queries.jsonl` (`test/eval/split.json`), never the test half.
 */
export const WEIGHTS: Weights = {
  rank: RANK_WEIGHTS,
  decide: { minCoverage: 0.4, ambiguityRatio: 0.92, minInformation: 0, relateCoverage: 0.7 },
};

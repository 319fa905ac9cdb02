import { FIELD_BOOST } from './documents';

/** How free text is ranked: BM25 field boosts, and the weight of title overlap in the rerank. */
export interface RankWeights {
  fields: Record<keyof typeof FIELD_BOOST, number>;
  title: number;
  /** Weight of the share of the question's meaning (IDF-weighted) each candidate speaks of. */
  coverage: number;
  /** Bonus for an entry of the kind the question's stated intent asks for (`intent.ts`). */
  intent: number;
  /** Weight of the entry model's probability for each candidate (`entry-model.ts`). */
  model: number;
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
  /** Answer only when the reranked best is also BM25's own best (`TextSearch.agreed`). */
  requireAgreement: boolean;
  /** Without a word of the field, answer only when the best entry covers this share of the text. */
  unplacedCoverage: number;
  /**
   * `ambiguityRatio` for a best entry that stays first with any one word of the question left
   * out (`stability.ts`); at or under `ambiguityRatio`, stability is never asked.
   */
  stableRatio: number;
  /** `minInformation` for such a stable best entry; at or over `minInformation`, never asked. */
  stableInformation: number;
}

export interface Weights {
  rank: RankWeights;
  decide: DecisionWeights;
}

/**
 * The ranking weights in use, chosen by `afsbot eval --tune` (mean reciprocal rank on the tuning
 * half): the entry model and the share of the question each entry covers weigh as much as BM25,
 * the question's stated intent a quarter; within BM25 the phrasings weigh most, the title and the
 * cause less, the steps' words least. The same command chooses the decision thresholds of
 * `WEIGHTS` with them.
 */
export const RANK_WEIGHTS: RankWeights = {
  fields: { ...FIELD_BOOST, keywords: 4, cause: 1.5, body: 0.4 },
  title: 0.3,
  coverage: 1,
  intent: 0.25,
  model: 1,
};

/**
 * The weights in use. The decision thresholds come from `afsbot eval --tune`: cross-validation
 * on the tuning half of `test/eval/queries.jsonl` (`test/eval/split.json`), never the test half.
 */
export const WEIGHTS: Weights = {
  rank: RANK_WEIGHTS,
  decide: {
    minCoverage: 0.6,
    ambiguityRatio: 0.7,
    minInformation: 0,
    relateCoverage: 0.1,
    requireAgreement: false,
    unplacedCoverage: 0.8,
    stableRatio: 0.7,
    stableInformation: 0,
  },
};

import type { Matcher } from '../matching/ask';
import type { TextIndex, TextSearch } from '../matching/search';
import type { DecisionWeights, RankWeights, Weights } from '../matching/weights';
import { bestWithMargin, gridOf, type Errors, type Grid } from './margin';
import { correct, type EvalQuery } from './score';
import { summarise, summariseBy, type Outcome, type Summary } from './summary';

/** Confident answers must be right this often; below it a setting is not considered. */
export const MIN_PRECISION = 0.97;
const FOLDS = 4;
/**
 * How much of its worst neighbour's extra errors a setting is charged (`margin.ts`); which one
 * is used is itself chosen by cross-validation. No margin at all is not offered: chosen on the
 * tuning questions, it is the loosest setting without a wrong answer there, and cross-validated
 * it gave the lowest precision of the four margins once tried (under 97% each time), yet the
 * cross-validation within a fold, on four batches, still picked it for some folds.
 */
export const MARGINS = [0.25, 0.5, 1];

/** The ranking weights tried: field boosts and the title rerank. */
export function rankGrid(base: RankWeights): RankWeights[] {
  return gridOf({
    title: [0.3, 0.5, 0.8],
    coverage: [0, 0.5, 1],
    intent: [0, 0.1, 0.25],
    keywords: [2, 4, 6],
    body: [0.4, 0.7],
    cause: [0.6, 1.5],
    model: [0, 0.3, 1],
  }).settings.map(({ title, coverage, intent, keywords, body, cause, model }) => ({
    title,
    coverage,
    intent,
    model,
    fields: { ...base.fields, keywords, body, cause },
  }));
}

/** The decision thresholds tried, with their neighbours (stable answers held to the same ones). */
export function decisionGrid(): Grid<DecisionWeights> {
  const g = gridOf({
    minCoverage: [0.3, 0.4, 0.5, 0.6],
    ambiguityRatio: [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],
    minInformation: [0, 0.6, 0.8, 1, 1.2, 1.5],
    relateCoverage: [0.1, 0.2, 0.3],
    requireAgreement: [false, true],
    unplacedCoverage: [0.8, 0.9, 1.01],
  });
  return {
    ...g,
    settings: g.settings.map((d) => ({
      ...d,
      stableRatio: d.ambiguityRatio,
      stableInformation: d.minInformation,
    })),
  };
}

/**
 * The looser thresholds tried for answers every word supports, around a chosen decision: the
 * first is the decision itself (stability never asked).
 */
export function stableGrid(d: DecisionWeights): Grid<DecisionWeights> {
  const g = gridOf({
    stableRatio: [d.ambiguityRatio, ...[0.85, 0.9, 0.95].filter((r) => r > d.ambiguityRatio)],
    stableInformation: [d.minInformation, ...[0.6, 0].filter((i) => i < d.minInformation)],
  });
  return { ...g, settings: g.settings.map((s) => ({ ...d, ...s })) };
}

/**
 * The same matcher with its free-text searches remembered: every setting of the decision grid
 * asks the same questions with the same ranking, and only the decision differs.
 */
function remembering(m: Matcher): Matcher {
  const seen = new Map<string, TextSearch>();
  const text = Object.create(m.text) as TextIndex;
  text.search = (q, limit, ranker, weights) => {
    const key = JSON.stringify([q, limit, ranker, weights]);
    let s = seen.get(key);
    if (!s) seen.set(key, (s = m.text.search(q, limit, ranker, weights)));
    return s;
  };
  const out = Object.create(m) as Matcher;
  Object.defineProperty(out, 'text', { value: text });
  return out;
}

function outcomes(m: Matcher, queries: EvalQuery[]): Outcome[] {
  return queries.map((q) => {
    const r = m.ask(q.q, q.id).result;
    const at = r.matches.findIndex((_, k) =>
      correct({ ...r, matches: r.matches.slice(k, k + 1) }, q, 1),
    );
    return {
      rr: at >= 0 ? 1 / (at + 1) : 0,
      top1: correct(r, q, 1),
      top3: correct(r, q, 3),
      confident: r.confident,
      turnedAway: r.verdict === 'off-topic',
    };
  });
}

/**
 * Ranking: mean reciprocal rank of the right entry. It uses the whole order, not only whether
 * the first is right, so a few tuning questions cannot swing the choice between near-equal
 * settings (choosing by top-1 counts picked weights that did worse on unseen questions).
 */
const rankValue = (s: Summary) => s.rr;
/** A wrong confident answer costs this many right ones: at 97% precision, one in 33 may be wrong. */
const WRONG_COST = 32;

const errorsOf = (s: Summary): Errors => ({
  wrong: s.confident - s.confidentRight,
  answeredProbes: s.probes - s.rejected,
});

/**
 * Deciding: no probe answered, no question turned away, precision at least MIN_PRECISION; of the
 * settings that manage it, the most right answers given confidently, each wrong one costing
 * WRONG_COST. `charged` are the errors counted against the setting (its own by default).
 */
export function decideValue(s: Summary, charged: Errors = errorsOf(s)): number {
  const { wrong, answeredProbes } = charged;
  const right = s.confidentRight;
  const precise = right + wrong === 0 || right / (right + wrong) >= MIN_PRECISION;
  return (
    -1e6 * answeredProbes -
    1e4 * s.turned -
    (precise ? 0 : 1e2 * wrong) +
    right -
    WRONG_COST * wrong
  );
}

function best<T>(settings: T[], value: (i: number) => number): number {
  let at = 0;
  let v = -Infinity;
  settings.forEach((_, i) => {
    const x = value(i);
    // Ties go to the earlier setting: grids list the current values' neighbours in order.
    if (x > v) [v, at] = [x, i];
  });
  return at;
}

/** The setting of a grid worth most on `ids`, each charged with its neighbours' errors too. */
function chooseOn(
  queries: EvalQuery[],
  grid: Grid<unknown>,
  outs: Outcome[][],
  ids: number[],
  margin: number,
): number {
  const sums = outs.map((o) => summarise(queries, o, ids));
  return bestWithMargin(
    grid,
    sums.map(errorsOf),
    (d, charged) => decideValue(sums[d], charged),
    margin,
  );
}

/** Splits `ids` into FOLDS folds by position, so every fold mixes categories. */
const byPosition = (ids: number[]) =>
  Array.from({ length: FOLDS }, (_, k) => ({
    train: ids.filter((_, j) => j % FOLDS !== k),
    held: ids.filter((_, j) => j % FOLDS === k),
  }));

/**
 * One fold per batch (`groups[i]` names query i's): each batch is held out whole and judged by
 * choices made on the others. Questions written at one time share their writer's habits, so a
 * fold that mixes batches scores questions like the ones it was tuned on, and promised 99%
 * precision where questions written later got 90%.
 */
const byGroup = (ids: number[], groups: readonly string[]) =>
  [...new Set(ids.map((i) => groups[i]))].map((g) => ({
    train: ids.filter((i) => groups[i] !== g),
    held: ids.filter((i) => groups[i] === g),
  }));

/** The folds of `ids`: by batch when they come from more than one, otherwise by position. */
export const foldsOf = (ids: number[], groups?: readonly string[]) =>
  groups && new Set(ids.map((i) => groups[i])).size > 1 ? byGroup(ids, groups) : byPosition(ids);

/**
 * Chooses weights on the tuning queries: the ranking (by mean reciprocal rank), then the decision
 * thresholds with that ranking, then looser ones for stable answers, each threshold kept a
 * margin from the settings that erred (`margin.ts`), the margin itself chosen by cross-validation.
 * Cross-validation estimates how the whole choice does on queries it was not made on: each fold
 * is scored with ranking, margin and thresholds chosen without it (the margin by an inner
 * cross-validation of the other folds).
 */
export function tune(
  matcher: Matcher,
  base: Weights,
  queries: EvalQuery[],
  margins: number[] = MARGINS,
  /** The batch each query was written in; without it (or with one batch), folds by position. */
  groups?: readonly string[],
) {
  const all = queries.map((_, i) => i);
  const folds = (ids: number[]) => foldsOf(ids, groups);
  // Ranking is judged on questions with an expected entry only: probes and choosers are the decision's.
  const ranked = all.filter(
    (i) => 'anchors' in queries[i].expect || 'hresult' in queries[i].expect,
  );
  const ranks = rankGrid(base.rank);
  const rankOuts = ranks.map((rank) => outcomes(matcher.withWeights({ ...base, rank }), queries));
  const chooseRank = (ids: number[]) => {
    const judged = ids.filter((i) => ranked.includes(i));
    return best(ranks, (r) => rankValue(summarise(queries, rankOuts[r], judged)));
  };
  const asker = remembering(matcher);
  const decisions = decisionGrid();
  // Decisions are judged with the ranking chosen on the same queries: outcomes per ranking.
  const decideOuts = new Map<number, Outcome[][]>();
  const decided = (r: number) => {
    let o = decideOuts.get(r);
    if (!o) {
      o = decisions.settings.map((decide) =>
        outcomes(asker.withWeights({ rank: ranks[r], decide }), queries),
      );
      decideOuts.set(r, o);
    }
    return o;
  };
  const looser = new Map<string, { grid: Grid<DecisionWeights>; outs: Outcome[][] }>();
  const loosened = (r: number, d: number) => {
    const key = `${r}/${d}`;
    let l = looser.get(key);
    if (!l) {
      const grid = stableGrid(decisions.settings[d]);
      const outs = grid.settings.map((decide) =>
        outcomes(asker.withWeights({ rank: ranks[r], decide }), queries),
      );
      looser.set(key, (l = { grid, outs }));
    }
    return l;
  };
  const chooseDecision = (r: number, ids: number[], margin: number) => {
    const d = chooseOn(queries, decisions, decided(r), ids, margin);
    const l = loosened(r, d);
    const at = chooseOn(queries, l.grid, l.outs, ids, margin);
    return { decide: l.grid.settings[at], outs: l.outs[at] };
  };
  // Every choice made on `train` alone, scored on `held`; `rankOf` fixes the ranking (chosen on
  // the outer training folds) while the margin is chosen within them, which keeps the number of
  // rankings whose decision grids are asked small (each costs seconds).
  const heldOutcomes = (
    ids: number[],
    margin: (train: number[], r: number) => number,
    rankOf: (train: number[]) => number = chooseRank,
  ) => {
    const heldOut: Outcome[] = new Array(queries.length);
    for (const { train, held } of folds(ids)) {
      const r = rankOf(train);
      const d = chooseDecision(r, train, margin(train, r));
      for (const i of held) heldOut[i] = d.outs[i];
    }
    return heldOut;
  };
  const heldOutBy = (...args: Parameters<typeof heldOutcomes>) =>
    summarise(queries, heldOutcomes(...args), args[0]);
  const chooseMargin = (ids: number[], r: number) =>
    margins[
      best(margins, (m) =>
        decideValue(
          heldOutBy(
            ids,
            () => margins[m],
            () => r,
          ),
        ),
      )
    ];
  const perMargin = margins.map((margin) => ({ margin, cv: heldOutBy(all, () => margin) }));
  // The decisions are kept per ranking and threshold: scoring the chosen margin again is cheap.
  const heldOut = heldOutcomes(all, margins.length > 1 ? chooseMargin : () => margins[0]);
  const crossValidated = summarise(queries, heldOut, all);
  // Each batch as its own fold scored it (with one batch or none, folds are by position).
  const byBatch = groups ? summariseBy(queries, heldOut, all, groups) : new Map<string, Summary>();
  const rank = chooseRank(all);
  // On all the tuning questions, the margin whose cross-validated figure is best.
  const margin = margins[best(perMargin, (m) => decideValue(perMargin[m].cv))];
  const { decide } = chooseDecision(rank, all, margin);
  return { weights: { rank: ranks[rank], decide }, crossValidated, byBatch, margin, perMargin };
}

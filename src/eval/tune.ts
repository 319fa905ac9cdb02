import type { Matcher } from '../matching/ask';
import type { TextIndex, TextSearch } from '../matching/search';
import type { DecisionWeights, RankWeights, Weights } from '../matching/weights';
import { correct, type EvalQuery } from './score';

/** Confident answers must be right this often; below it a setting is not considered. */
export const MIN_PRECISION = 0.97;
const FOLDS = 4;

/** What one setting does with one query. */
interface Outcome {
  /** 1 / rank of the first right match (0 when none of the matches is right). */
  rr: number;
  top1: boolean;
  top3: boolean;
  confident: boolean;
  turnedAway: boolean;
}

function grid<T>(axes: { [K in keyof T]: T[K][] }): T[] {
  let out: Partial<T>[] = [{}];
  for (const key of Object.keys(axes) as (keyof T)[])
    out = out.flatMap((o) => axes[key].map((v) => ({ ...o, [key]: v })));
  return out as T[];
}

/** The ranking weights tried: field boosts and the title rerank. */
export function rankGrid(base: RankWeights): RankWeights[] {
  return grid({
    title: [0.3, 0.5, 0.8],
    coverage: [0, 0.5, 1],
    intent: [0, 0.1, 0.25],
    keywords: [2, 4, 6],
    body: [0.4, 0.7],
    cause: [0.6, 1.5],
  }).map(({ title, coverage, intent, keywords, body, cause }) => ({
    title,
    coverage,
    intent,
    fields: { ...base.fields, keywords, body, cause },
  }));
}

/** The decision thresholds tried (stable answers held to the same ones: see `stableGrid`). */
export function decisionGrid(): DecisionWeights[] {
  return grid({
    minCoverage: [0.3, 0.4, 0.5, 0.6],
    ambiguityRatio: [0.75, 0.8, 0.85, 0.9, 0.95],
    minInformation: [0, 0.6, 0.8, 1],
    relateCoverage: [0.2, 0.3],
    requireAgreement: [false, true],
    unplacedCoverage: [0.8, 0.9, 1.01],
  }).map((d) => ({ ...d, stableRatio: d.ambiguityRatio, stableInformation: d.minInformation }));
}

/**
 * The looser thresholds tried for answers every word supports, around a chosen decision: the
 * first is the decision itself (stability never asked).
 */
export function stableGrid(d: DecisionWeights): DecisionWeights[] {
  const ratios = [d.ambiguityRatio, ...[0.85, 0.9, 0.95].filter((r) => r > d.ambiguityRatio)];
  const infos = [d.minInformation, ...[0.6, 0].filter((i) => i < d.minInformation)];
  return ratios.flatMap((stableRatio) =>
    infos.map((stableInformation) => ({ ...d, stableRatio, stableInformation })),
  );
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

/** Summary of a setting over some queries (indexes into `queries`). */
export function summarise(queries: EvalQuery[], outs: Outcome[], ids: number[]) {
  let rr = 0;
  let n = 0,
    top1 = 0,
    top3 = 0,
    confident = 0,
    confidentRight = 0,
    turned = 0,
    probes = 0,
    rejected = 0;
  for (const i of ids) {
    const q = queries[i];
    const o = outs[i];
    if ('reject' in q.expect) {
      probes++;
      if (!o.confident) rejected++;
      continue;
    }
    n++;
    rr += o.rr;
    if (o.top1) top1++;
    if (o.top3) top3++;
    if (o.confident) {
      confident++;
      if (o.top1) confidentRight++;
    }
    if (o.turnedAway) turned++;
  }
  return { n, rr, top1, top3, confident, confidentRight, turned, probes, rejected };
}
type Summary = ReturnType<typeof summarise>;

/**
 * Ranking: mean reciprocal rank of the right entry. It uses the whole order, not only whether
 * the first is right, so a few tuning questions cannot swing the choice between near-equal
 * settings (choosing by top-1 counts picked weights that did worse on unseen questions).
 */
const rankValue = (s: Summary) => s.rr;
/** A wrong confident answer costs this many right ones: at 97% precision, one in 33 may be wrong. */
const WRONG_COST = 32;

/**
 * Deciding: no probe answered, no question turned away, precision at least MIN_PRECISION; of the
 * settings that manage it, the most right answers given confidently, each wrong one costing
 * WRONG_COST (a margin: thresholds right at the edge of the tuning questions do not generalise).
 */
function decideValue(s: Summary): number {
  const wrong = s.confident - s.confidentRight;
  const precise = s.confident === 0 || s.confidentRight / s.confident >= MIN_PRECISION;
  return (
    -1e6 * (s.probes - s.rejected) -
    1e4 * s.turned -
    (precise ? 0 : 1e2 * wrong) +
    s.confidentRight -
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

/** Query indexes of fold `k` of FOLDS (by position, so every fold mixes categories). */
const foldOf = (i: number) => i % FOLDS;

/**
 * Chooses weights on the tuning queries: ranking first (by top-1, then top-3), then the decision
 * thresholds with that ranking. Cross-validation estimates how each choice does on queries it
 * was not chosen on: each fold is scored with weights chosen on the other folds.
 */
export function tune(matcher: Matcher, base: Weights, queries: EvalQuery[]) {
  const all = queries.map((_, i) => i);
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
  const rank = ranks[chooseRank(all)];
  const asker = remembering(matcher);
  const decisions = decisionGrid();
  const decideOuts = decisions.map((decide) =>
    outcomes(asker.withWeights({ rank, decide }), queries),
  );
  const chooseBase = (ids: number[]) =>
    best(decisions, (d) => decideValue(summarise(queries, decideOuts[d], ids)));
  // Then, around the chosen thresholds, the looser ones for stable answers.
  const looser = new Map<number, { settings: DecisionWeights[]; outs: Outcome[][] }>();
  const loosened = (d: number) => {
    let l = looser.get(d);
    if (!l) {
      const settings = stableGrid(decisions[d]);
      const outs = settings.map((decide) => outcomes(asker.withWeights({ rank, decide }), queries));
      looser.set(d, (l = { settings, outs }));
    }
    return l;
  };
  const chooseDecision = (ids: number[]) => {
    const l = loosened(chooseBase(ids));
    const at = best(l.settings, (x) => decideValue(summarise(queries, l.outs[x], ids)));
    return { decide: l.settings[at], outs: l.outs[at] };
  };
  // Held-out folds: ranking and decision each chosen without the fold, then scored on it.
  const heldOut: Outcome[] = new Array(queries.length);
  for (let k = 0; k < FOLDS; k++) {
    const train = all.filter((i) => foldOf(i) !== k);
    const r = chooseRank(train);
    const d = chooseDecision(train);
    for (const i of all.filter((x) => foldOf(x) === k))
      heldOut[i] = {
        ...d.outs[i],
        rr: rankOuts[r][i].rr,
        top1: rankOuts[r][i].top1,
        top3: rankOuts[r][i].top3,
      };
  }
  const { decide } = chooseDecision(all);
  return { weights: { rank, decide }, crossValidated: summarise(queries, heldOut, all) };
}

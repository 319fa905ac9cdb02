/** What a setting of the weights does with the evaluation queries, counted as the tuner and its report need. */
import type { EvalQuery } from './score';

/** What one setting does with one query. */
export interface Outcome {
  /** 1 / rank of the first right match (0 when none of the matches is right). */
  rr: number;
  top1: boolean;
  top3: boolean;
  confident: boolean;
  turnedAway: boolean;
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
export type Summary = ReturnType<typeof summarise>;

/** `summarise` for each batch of `ids` (`groups[i]` names query i's), in the order batches first appear. */
export function summariseBy(
  queries: EvalQuery[],
  outs: Outcome[],
  ids: number[],
  groups: readonly string[],
): Map<string, Summary> {
  const by = new Map<string, number[]>();
  for (const i of ids) {
    const of = by.get(groups[i]);
    if (of) of.push(i);
    else by.set(groups[i], [i]);
  }
  return new Map([...by].map(([g, of]) => [g, summarise(queries, outs, of)]));
}

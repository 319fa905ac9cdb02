import { z } from 'zod';
import type { AskResult } from '../matching/ask';

/** One evaluation query with what a right answer must contain. */
export const EvalQuery = z.object({
  id: z.string(),
  category: z.string(),
  q: z.string(),
  expect: z.union([
    z.object({ hresult: z.string().regex(/^0x[0-9a-f]{8}$/) }).strict(),
    z.object({ anchors: z.array(z.string()).min(1) }).strict(),
    z.object({ all: z.array(z.string().regex(/^0x[0-9a-f]{8}$/)).min(2) }).strict(),
    z.object({ reject: z.literal(true) }).strict(),
    // A vague question ("sync error"): right when answered with a chooser, never one confident entry.
    z.object({ chooser: z.literal(true) }).strict(),
  ]),
});
export type EvalQuery = z.infer<typeof EvalQuery>;

type Match = AskResult['matches'][number];

function fits(m: Match | undefined, expect: EvalQuery['expect']): boolean {
  if (!m) return false;
  if ('hresult' in expect) return m.hresults.includes(expect.hresult);
  if ('anchors' in expect) return expect.anchors.some((a) => m.anchors.includes(a));
  return false;
}

/** Whether an answer is right within the top `k` matches. */
export function correct(r: AskResult, q: EvalQuery, k: number): boolean {
  const e = q.expect;
  if ('chooser' in e) return r.verdict === 'did-you-mean' && r.matches.length >= 2;
  if ('reject' in e)
    return (
      !r.confident &&
      (q.category !== 'unknown-code' || r.codes.length === 0 || r.codes.some((c) => !c.known))
    );
  if ('all' in e) {
    const top = r.matches.slice(0, e.all.length + k - 1).flatMap((m) => m.hresults);
    return e.all.every((h) => top.includes(h));
  }
  return r.matches.slice(0, k).some((m) => fits(m, e));
}

/**
 * Category groups, the share of top-1 answers each aims at (`min`, the goal) and the share below
 * which the evaluation fails (`floor`: no landing may fall under what has been reached).
 */
export const TARGETS: {
  group: string;
  test: (category: string) => boolean;
  min: number;
  floor: number;
}[] = [
  { group: 'codes', test: (c) => /^(code-|mars-id|event-|multi-code)/.test(c), min: 1, floor: 1 },
  { group: 'questions', test: (c) => c.startsWith('question-'), min: 0.9, floor: 0.85 },
  {
    group: 'rejections',
    test: (c) => c === 'unknown-code' || c === 'off-topic',
    min: 0.95,
    floor: 0.95,
  },
  // Codes in running text, exact messages quoted from the articles, numbers that are not codes.
  { group: 'traps', test: (c) => c === 'trap', min: 0.95, floor: 0.9 },
];

export interface CategoryScore {
  category: string;
  n: number;
  top1: number;
  top3: number;
}

/** Top-1 and top-3 per category, then per group with its target. */
export function scoreAll(queries: EvalQuery[], results: AskResult[]) {
  const cats = new Map<string, CategoryScore>();
  const misses: { q: EvalQuery; r: AskResult }[] = [];
  queries.forEach((q, i) => {
    const s = cats.get(q.category) ?? { category: q.category, n: 0, top1: 0, top3: 0 };
    s.n++;
    const ok1 = correct(results[i], q, 1);
    if (ok1) s.top1++;
    else misses.push({ q, r: results[i] });
    if (correct(results[i], q, 3)) s.top3++;
    cats.set(q.category, s);
  });
  const categories = [...cats.values()].sort((a, b) => (a.category < b.category ? -1 : 1));
  const groups = TARGETS.map((t) => {
    const inGroup = categories.filter((c) => t.test(c.category));
    const n = inGroup.reduce((a, c) => a + c.n, 0);
    const top1 = inGroup.reduce((a, c) => a + c.top1, 0);
    return {
      group: t.group,
      n,
      top1,
      rate: n ? top1 / n : 1,
      min: t.min,
      floor: t.floor,
      met: n === 0 || top1 / n >= t.min,
      pass: n === 0 || top1 / n >= t.floor,
    };
  });
  return { categories, groups, misses, pass: groups.every((g) => g.pass) };
}

import { phrasingKey } from '../knowledge/import/build';
import type { KnowledgeIndex } from '../knowledge/schema';
import { Matcher, type Answer } from '../matching/ask';
import type { ExportLine } from '../gaps/export';
import { verdictOf } from '../gaps/verdict';
import { correct, scoreAll, type EvalQuery } from './score';

/**
 * The index as it would be built with these phrasings: each entry gains the phrasings under its
 * key that it does not have yet (as `knowledge build` adds them), nothing else changes.
 */
export function withPhrasings(
  index: KnowledgeIndex,
  phrasings: Record<string, string[]>,
): KnowledgeIndex {
  return {
    ...index,
    entries: index.entries.map((e) => {
      const key = phrasingKey(e);
      const extra = key && Object.hasOwn(phrasings, key) ? phrasings[key] : [];
      const add = extra.filter((p) => !e.keywords.includes(p));
      return add.length ? { ...e, keywords: [...e.keywords, ...add] } : e;
    }),
  };
}

/** How one side of the replay did. */
export interface ReplaySide {
  /** Questions answered confidently. */
  confident: number;
  /** Questions with an expected entry whose confident answer was that entry. */
  right: number;
  /** Questions with an expected entry that was among the first three matches. */
  top3: number;
}

/** One question whose outcome changed. */
export interface ReplayChange {
  id: string;
  q: string;
  expected?: string;
  before: string;
  after: string;
}

/** The replay: the gaps questions before and after, and the eval set before and after. */
export interface ReplayReport {
  n: number;
  /** Questions whose cluster has an entry assigned or chosen. */
  withExpected: number;
  before: ReplaySide;
  after: ReplaySide;
  changes: ReplayChange[];
  /** The held-out eval set with the same phrasings: top-1 per group, before and after. */
  evalSet?: { group: string; n: number; before: number; after: number; min: number }[];
  /** True when no eval group lost a top-1 answer. */
  evalHeld: boolean;
  /** Eval questions right at top-1 before and wrong after (what to look at first). */
  evalLost: { id: string; q: string }[];
}

function outcome(a: Answer): string {
  const v = verdictOf(a);
  return v === 'answer' ? `answer ${a.entries[0]?.id ?? '?'}` : v;
}

function side(answers: Answer[], expected: (string | undefined)[]): ReplaySide {
  const s: ReplaySide = { confident: 0, right: 0, top3: 0 };
  answers.forEach((a, i) => {
    if (a.result.confident) s.confident++;
    const want = expected[i];
    if (!want) return;
    if (a.result.confident && a.entries[0]?.id === want) s.right++;
    if (a.result.matches.slice(0, 3).some((m) => m.id === want)) s.top3++;
  });
  return s;
}

/**
 * Answers the exported questions with the index as it is and as the suggested phrasings would
 * make it. `expected` maps a cluster to the entry that should answer it. With `evalQueries`, the
 * eval set is scored both ways too, so a phrasing that helps the gaps but costs the test set shows.
 */
export function replay(
  lines: ExportLine[],
  index: KnowledgeIndex,
  phrasings: Record<string, string[]>,
  expected: Map<string, string>,
  evalQueries?: EvalQuery[],
): ReplayReport {
  const before = new Matcher(index);
  const after = new Matcher(withPhrasings(index, phrasings));
  const want = lines.map((l) => expected.get(l.cluster));
  const a = lines.map((l) => before.ask(l.q));
  const b = lines.map((l) => after.ask(l.q));
  const changes: ReplayChange[] = [];
  lines.forEach((l, i) => {
    const x = outcome(a[i]);
    const y = outcome(b[i]);
    if (x !== y)
      changes.push({
        id: l.id,
        q: l.q,
        before: x,
        after: y,
        ...(want[i] ? { expected: want[i] } : {}),
      });
  });
  const report: ReplayReport = {
    n: lines.length,
    withExpected: want.filter(Boolean).length,
    before: side(a, want),
    after: side(b, want),
    changes,
    evalHeld: true,
    evalLost: [],
  };
  if (evalQueries) {
    const r0 = evalQueries.map((q) => before.ask(q.q, q.id).result);
    const r1 = evalQueries.map((q) => after.ask(q.q, q.id).result);
    const s0 = scoreAll(evalQueries, r0);
    const s1 = scoreAll(evalQueries, r1);
    report.evalLost = evalQueries
      .filter((q, i) => correct(r0[i], q, 1) && !correct(r1[i], q, 1))
      .map((q) => ({ id: q.id, q: q.q }));
    report.evalSet = s0.groups.map((g, i) => ({
      group: g.group,
      n: g.n,
      before: g.top1,
      after: s1.groups[i].top1,
      min: g.min,
    }));
    report.evalHeld = report.evalSet.every((g) => g.after >= g.before);
  }
  return report;
}

import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../errors';
import {
  intervalLine,
  missedTargets,
  quality,
  qualityLine,
  QUALITY_FLOORS,
  type Scored,
} from '../eval/quality';
import { EvalQuery, correct, scoreAll } from '../eval/score';
import { SHARED_SET, SharedQuery, scoreShared, sharedSetPresent } from '../eval/shared-set';
import { SPLIT_CATEGORY, Split, batchOf, firstTestHalf, halfOf } from '../eval/split';
import type { Summary } from '../eval/summary';
import { tune } from '../eval/tune';
import type { Matcher } from '../matching/ask';
import { WEIGHTS } from '../matching/weights';
import { parseArgs } from './args';
import { matcherFrom } from './ask-command';
import { readJsonLines } from './batch';

const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) + '%' : '-');
const cvLine = (s: Summary) =>
  `${s.n} questions, top-1 ${pct(s.top1, s.n)}, top-3 ${pct(s.top3, s.n)}, confident ${s.confident} right ${pct(s.confidentRight, s.confident)}, turned away ${s.turned}, probes rejected ${s.rejected}/${s.probes}`;
const USAGE =
  'usage: afsbot eval FILE.jsonl [--split FILE] [--shared FILE] [--ranker bm25|fuse] [--misses] [--tune]';

function readSplit(path: string): Split {
  try {
    return Split.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new AppError('usage', `cannot read the split ${path}: ${(err as Error).message}`);
  }
}

/** The shared set, scored as its README says; `null` when the file is absent. */
function sharedScores(path: string, matcher: Matcher) {
  if (!sharedSetPresent(path)) return null;
  const qs = readJsonLines(path, SharedQuery);
  const byCategory = new Map<string, Scored[]>();
  for (const q of qs) {
    const s = scoreShared(q, matcher.ask(q.q, q.id).result);
    byCategory.set(q.category, [...(byCategory.get(q.category) ?? []), s]);
  }
  return byCategory;
}

/**
 * `afsbot eval FILE`: top-1/top-3 per category; then, for free text, the tuning half, the test
 * half (`--split`) and the independent shared set (`--shared`, when present): top-1, top-3,
 * precision of confident answers, in-domain questions turned away, off-topic rejection. Exits 1
 * when a group or the test half falls under its floor; goals not yet met are reported. `--tune` chooses weights on the tuning half.
 */
export function evalCommand(argv: string[], out: (s: string) => void): number {
  const { flags, positional } = parseArgs(
    argv,
    ['index', 'ranker', 'split', 'shared', 'audience'],
    ['misses', 'tune', 'by-position'],
  );
  if (positional.length !== 1) throw new AppError('usage', USAGE);
  const queries = readJsonLines(positional[0], EvalQuery);
  const matcher = matcherFrom(flags);
  const splitPath = flags.get('split');
  const split = typeof splitPath === 'string' ? readSplit(splitPath) : null;

  if (flags.has('tune')) {
    if (!split)
      throw new AppError('usage', '--tune needs --split: it tunes on the tuning half only');
    const tuning = queries.filter((q) => halfOf(split, q.id) === 'tuning');
    const groups = flags.has('by-position') ? undefined : tuning.map((q) => batchOf(split, q.id));
    const {
      weights,
      crossValidated: cv,
      byBatch,
    } = tune(matcher, WEIGHTS, tuning, undefined, groups);
    out(`tuned on ${tuning.length} queries of the tuning half`);
    out(`chosen weights: ${JSON.stringify(weights)}`);
    out(
      `cross-validated (${groups ? 'each batch of questions' : 'each fold'} scored with weights chosen without it): ${cvLine(cv)}`,
    );
    for (const [batch, s] of byBatch) out(`  batch ${batch}: ${cvLine(s)}`);
    return 0;
  }

  const results = queries.map((q) => matcher.ask(q.q, q.id).result);
  const score = scoreAll(queries, results);
  const rows = score.categories.map(
    (c) =>
      `| ${c.category.padEnd(22)} | ${String(c.n).padStart(3)} | ${pct(c.top1, c.n).padStart(6)} | ${pct(c.top3, c.n).padStart(6)} |`,
  );
  out(`ranker: ${flags.get('ranker') ?? 'bm25'}`);
  out(
    ['| category               |   n |  top-1 |  top-3 |', '|---|---|---|---|', ...rows].join('\n'),
  );
  out('');
  for (const g of score.groups)
    out(
      `${g.pass ? 'PASS' : 'FAIL'} ${g.group}: top-1 ${pct(g.top1, g.n)} of ${g.n} (floor ${pct(g.floor, 1)}; goal ${pct(g.min, 1)} ${g.met ? 'met' : 'not met yet'})`,
    );
  if (flags.has('misses')) {
    for (const m of score.misses) {
      out(
        `\nMISS ${m.q.id} [${m.q.category}] ${JSON.stringify(m.q.q).slice(0, 160)}\n  expect ${JSON.stringify(m.q.expect)}\n  got ${m.r.verdict} ${m.r.matches
          .slice(0, 3)
          .map((x) => `${x.id}(${x.score})`)
          .join(', ')}`,
      );
    }
  }

  let pass = score.pass;
  if (split) {
    out('');
    const first = firstTestHalf(split);
    const scored = (half: 'tuning' | 'test', only?: Set<string>): Scored[] =>
      queries.flatMap((q, i) =>
        SPLIT_CATEGORY.test(q.category) && halfOf(split, q.id) === half && (!only || only.has(q.id))
          ? [
              {
                probe: 'reject' in q.expect,
                top1: correct(results[i], q, 1),
                top3: correct(results[i], q, 3),
                result: results[i],
              },
            ]
          : [],
      );
    out(qualityLine('tuning half (weights chosen on it)', quality(scored('tuning'))));
    const test = quality(scored('test'));
    // Each batch apart too: questions written at one time share their writer's habits, and a
    // batch written away from the articles' wording fares far worse than the rest.
    if (split.later.length) {
      out(qualityLine('test half, first split only', quality(scored('test', first))));
      for (const b of split.later)
        out(qualityLine(`test half, batch ${b.seed}`, quality(scored('test', new Set(b.test)))));
    }
    out(qualityLine('test half (never tuned on)', test));
    out(intervalLine('test half (never tuned on)', test));
    const under = missedTargets(test, QUALITY_FLOORS);
    const missed = missedTargets(test);
    out(
      under.length
        ? `FAIL test half: ${under.join('; ')} (floors)`
        : `PASS test half: every floor held; goals ${missed.length ? `not met yet: ${missed.join('; ')}` : 'all met'}`,
    );
    if (under.length) pass = false;
  }

  const sharedPath =
    typeof flags.get('shared') === 'string' ? (flags.get('shared') as string) : SHARED_SET;
  if (flags.has('shared') || split) {
    out('');
    const shared = existsSync(sharedPath) ? sharedScores(sharedPath, matcher) : null;
    if (!shared) out(`shared set: ${sharedPath} is absent, not scored`);
    else {
      for (const [category, items] of [...shared].sort(([a], [b]) => (a < b ? -1 : 1)))
        out(qualityLine(`shared set, ${category}`, quality(items)));
      const all = quality([...shared.values()].flat());
      out(qualityLine('shared set, all (reported only)', all));
      out(intervalLine('shared set, all (reported only)', all));
    }
  }
  return pass ? 0 : 1;
}

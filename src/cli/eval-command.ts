import { AppError } from '../errors';
import { EvalQuery, scoreAll } from '../eval/score';
import { parseArgs } from './args';
import { matcherFrom } from './ask-command';
import { readJsonLines } from './batch';

const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) + '%' : '-');

/** `afsbot eval FILE [--ranker bm25|fuse] [--misses]`: top-1/top-3 per category; exit 1 below target. */
export function evalCommand(argv: string[], out: (s: string) => void): number {
  const { flags, positional } = parseArgs(argv, ['index', 'ranker'], ['misses']);
  if (positional.length !== 1)
    throw new AppError('usage', 'usage: afsbot eval FILE.jsonl [--ranker bm25|fuse] [--misses]');
  const queries = readJsonLines(positional[0], EvalQuery);
  const matcher = matcherFrom(flags);
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
      `${g.pass ? 'PASS' : 'FAIL'} ${g.group}: top-1 ${pct(g.top1, g.n)} of ${g.n} (target ${pct(g.min, 1)})`,
    );
  if (flags.has('misses')) {
    for (const m of score.misses) {
      out(
        `\nMISS ${m.q.id} [${m.q.category}] ${JSON.stringify(m.q.q).slice(0, 160)}\n  expect ${JSON.stringify(m.q.expect)}\n  got confident=${m.r.confident} ${m.r.matches
          .slice(0, 3)
          .map((x) => `${x.id}(${x.score})`)
          .join(', ')}`,
      );
    }
  }
  return score.pass ? 0 : 1;
}

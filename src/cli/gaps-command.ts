import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { EvalQuery } from '../eval/score';
import { replay } from '../eval/replay';
import type { Cluster } from '../gaps/cluster';
import { exportLines, ExportLine, recordsOf } from '../gaps/export';
import { unifiedDiff } from '../gaps/diff';
import { assignmentsFor, serializePhrasings, withSuggestions } from '../gaps/phrasings';
import type { KeyedGap } from '../gaps/record';
import { phrasingKey } from '../knowledge/import/build';
import { loadIndex } from '../knowledge/load';
import { projectRoot } from '../project-root';
import { parseArgs } from './args';
import { readJsonLines } from './batch';

const PHRASINGS = join(projectRoot(), 'knowledge', 'phrasings.json');
const EVAL_SET = join(projectRoot(), 'test', 'eval', 'queries.jsonl');

const USAGE = `usage:
  afsbot gaps [--json] [--from EXPORT]          clusters of unanswered questions
  afsbot gaps export [--out FILE]               the records as JSON Lines (the replay's input)
  afsbot gaps phrasings [--from EXPORT] [--assign CLUSTER=ENTRY[,…]] [--only-assigned] [--out FILE]
                                                the change to knowledge/phrasings.json, as a patch
  afsbot gaps replay EXPORT [--phrasings FILE]  the export's questions before and after`;

type Out = (s: string) => void;

/** The recorded gaps: from an export file, or from the store the environment names. */
async function readRecords(from: string | undefined): Promise<KeyedGap[]> {
  if (from) return recordsOf(readJsonLines(from, ExportLine));
  const { loadConfig } = await import('../config');
  const { openSqlite } = await import('../storage/sqlite');
  const { openKvStore } = await import('../storage/open-store');
  const { GapStore } = await import('../gaps/gap-store');
  const config = loadConfig();
  const db = openSqlite(config.dataDir);
  try {
    const { records, skipped } = await new GapStore(await openKvStore(config, db)).list();
    if (skipped) process.stderr.write(`afsbot: ${skipped} unreadable gap records skipped\n`);
    return records;
  } finally {
    db.close();
  }
}

const Phrasings = z.record(z.string(), z.array(z.string().min(1).max(300)).max(40));

function readPhrasings(path: string): Record<string, string[]> {
  if (!existsSync(path)) throw new AppError('usage', `${path} does not exist`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('usage', `${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = Phrasings.safeParse(data);
  if (!parsed.success)
    throw new AppError(
      'usage',
      `${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

/** `--assign c1=entry,c2=entry` as a map. */
function assignments(flag: string | true | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof flag !== 'string') return out;
  for (const pair of flag.split(',').filter(Boolean)) {
    const m = /^\s*(c[0-9a-f]{8})=([^\s=]{1,200})\s*$/.exec(pair);
    if (!m)
      throw new AppError(
        'usage',
        `--assign takes CLUSTER=ENTRY pairs (c1a2b3c4d=entry-id), not ${pair}`,
      );
    out.set(m[1], m[2]);
  }
  return out;
}

function formatCluster(c: Cluster, title: (id: string) => string): string[] {
  const verdicts = Object.entries(c.verdicts)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
  const list = (xs: { entryId: string; n: number }[]) =>
    xs
      .slice(0, 5)
      .map((x) => `${x.entryId} "${title(x.entryId)}" (${x.n})`)
      .join('; ');
  return [
    `${c.id}  ${c.count}x  ${c.size} question${c.size === 1 ? '' : 's'}  ${verdicts}  last ${c.lastSeen.slice(0, 10)}`,
    ...c.questions.map(
      (q) => `  ${JSON.stringify(q.q.replace(/\s+/g, ' ').slice(0, 160))} (${q.count})`,
    ),
    `  shown:  ${list(c.shown) || 'nothing'}`,
    ...(c.chosen.length ? [`  chosen: ${list(c.chosen)}`] : []),
    ...(c.notHelpful.length ? [`  not helpful: ${list(c.notHelpful)}`] : []),
  ];
}

/** `afsbot gaps …`: see the gaps, export them, turn them into phrasings, replay them. */
export async function gapsCommand(argv: string[], out: Out, err: Out): Promise<number> {
  if (argv[0] === 'help' || argv.includes('--help')) {
    out(USAGE);
    return 0;
  }
  const sub = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'list';
  const rest = sub === 'list' && argv[0] !== 'list' ? argv : argv.slice(1);
  const { flags, positional } = parseArgs(
    rest,
    ['from', 'out', 'assign', 'phrasings'],
    ['json', 'only-assigned'],
  );
  const from = flags.get('from') as string | undefined;
  const index = loadIndex();
  const entry = (id: string) => index.entries.find((e) => e.id === id);
  const title = (id: string) => entry(id)?.title ?? '(no longer in the knowledge)';
  switch (sub) {
    case 'list': {
      const { clusters } = exportLines(await readRecords(from));
      if (flags.has('json')) {
        out(JSON.stringify(clusters));
        return 0;
      }
      const n = clusters.reduce((a, c) => a + c.size, 0);
      out(`${n} questions in ${clusters.length} clusters, most frequent first\n`);
      for (const c of clusters) out(formatCluster(c, title).join('\n') + '\n');
      if (clusters.length)
        out('Close one: afsbot gaps phrasings --assign CLUSTER=ENTRY (prints a patch for review)');
      return 0;
    }
    case 'export': {
      const { lines } = exportLines(await readRecords(from));
      const text = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
      const target = flags.get('out');
      if (typeof target === 'string') {
        writeFileSync(target, text);
        err(`wrote ${lines.length} questions to ${target}`);
      } else if (text) out(text.replace(/\n$/, ''));
      return 0;
    }
    case 'phrasings': {
      const { clusters, lines } = exportLines(await readRecords(from));
      const explicit = assignments(flags.get('assign'));
      for (const id of explicit.keys())
        if (!clusters.some((c) => c.id === id))
          throw new AppError('usage', `no cluster ${id}: run afsbot gaps to list them`);
      for (const id of explicit.values())
        if (!entry(id)) throw new AppError('usage', `no entry ${id} in the knowledge`);
      const chosen = assignmentsFor(clusters, explicit).filter(
        (a) => !flags.has('only-assigned') || a.source === 'assigned',
      );
      const currentPath = (flags.get('phrasings') as string | undefined) ?? PHRASINGS;
      const current = readPhrasings(currentPath);
      const result = withSuggestions(
        current,
        clusters,
        new Map(lines.map((l) => [l.id, l.q])),
        chosen,
        entry,
        phrasingKey,
      );
      for (const p of result.problems) err(`note: ${p}`);
      for (const a of result.added)
        err(
          `+ ${a.key} <- ${JSON.stringify(a.phrasing)} (${a.clusterId}, ${a.source === 'assigned' ? 'assigned' : 'chosen in did-you-mean'})`,
        );
      const next = serializePhrasings(result.next);
      const target = flags.get('out');
      if (typeof target === 'string') {
        writeFileSync(target, next);
        err(`wrote ${target} with ${result.added.length} new phrasings`);
      } else
        out(
          unifiedDiff(serializePhrasings(current), next, 'knowledge/phrasings.json').replace(
            /\n$/,
            '',
          ),
        );
      err(
        result.added.length
          ? 'Review it, then: apply it, npm run knowledge:build -- ../shared/seeds, npm run eval, and commit with the eval figures.'
          : 'No new phrasings: assign clusters with --assign CLUSTER=ENTRY.',
      );
      return 0;
    }
    case 'replay': {
      if (positional.length !== 1) throw new AppError('usage', USAGE);
      const lines = readJsonLines(positional[0], ExportLine);
      const { clusters } = exportLines(recordsOf(lines));
      const expected = new Map(
        assignmentsFor(clusters, new Map()).map((a) => [a.clusterId, a.entryId]),
      );
      for (const [c, e] of assignments(flags.get('assign'))) expected.set(c, e);
      const suggested = readPhrasings((flags.get('phrasings') as string | undefined) ?? PHRASINGS);
      const evalQueries = existsSync(EVAL_SET) ? readJsonLines(EVAL_SET, EvalQuery) : undefined;
      const r = replay(lines, index, suggested, expected, evalQueries);
      if (flags.has('json')) {
        out(JSON.stringify(r));
        return r.evalHeld ? 0 : 1;
      }
      const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : '-');
      out(
        `gaps replay (${r.n} questions from ${positional[0]}; not part of the held-out test sets)`,
      );
      out(
        `  confident answers   before ${pct(r.before.confident, r.n)}  after ${pct(r.after.confident, r.n)}`,
      );
      out(
        `  expected entry top-1 before ${pct(r.before.right, r.withExpected)}  after ${pct(r.after.right, r.withExpected)}  (${r.withExpected} with an entry assigned or chosen)`,
      );
      out(
        `  expected entry top-3 before ${pct(r.before.top3, r.withExpected)}  after ${pct(r.after.top3, r.withExpected)}`,
      );
      for (const c of r.changes.slice(0, 30))
        out(
          `  ${c.id}: ${c.before} -> ${c.after}${c.expected ? ` (expected ${c.expected})` : ''}  ${JSON.stringify(c.q.slice(0, 100))}`,
        );
      if (r.evalSet) {
        out('\neval set (test/eval/queries.jsonl) with these phrasings, top-1 per group:');
        for (const g of r.evalSet)
          out(
            `  ${g.after >= g.before ? 'held' : 'LOST'} ${g.group}: before ${pct(g.before, g.n)}  after ${pct(g.after, g.n)} of ${g.n}`,
          );
        for (const l of r.evalLost)
          out(`  lost ${l.id}: ${JSON.stringify(l.q.replace(/\s+/g, ' ').slice(0, 120))}`);
      }
      return r.evalHeld ? 0 : 1;
    }
    default:
      throw new AppError('usage', `unknown gaps command ${sub}\n\n${USAGE}`);
  }
}

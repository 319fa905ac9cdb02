import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { snapshotFileText, snapshotPathOf } from '../matching/search-snapshot';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { buildIndex, listArticles, serializeIndex } from '../knowledge/import/build';
import type { SourceInfo } from '../knowledge/import/article';
import { Product } from '../knowledge/schema';
import { projectRoot } from '../project-root';
import { parseArgs } from './args';

const PROJECT = projectRoot();
const Sources = z.record(
  z.string(),
  z
    .object({
      title: z.string(),
      url: z.string().url().nullable(),
      date: z.string().nullable().optional(),
      product: Product,
    })
    .strict(),
);

/** A JSON file of the knowledge folder; a syntax error names the file. */
function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError(
      'knowledge_build_failed',
      `${path} is not valid JSON: ${(err as Error).message}`,
    );
  }
}

function readSources(path: string): Record<string, SourceInfo> {
  if (!existsSync(path)) return {};
  const parsed = Sources.safeParse(readJson(path));
  if (!parsed.success)
    throw new AppError('knowledge_build_failed', `${path}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const Phrasings = z.record(z.string(), z.array(z.string().min(1).max(300)).max(40));

function readPhrasings(path: string): Record<string, string[]> {
  if (!existsSync(path)) return {};
  const parsed = Phrasings.safeParse(readJson(path));
  if (!parsed.success)
    throw new AppError(
      'knowledge_build_failed',
      `${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

/**
 * `afsbot knowledge build <files or folders> [--out FILE] [--sources FILE] [--check]`.
 * Writes the index only when no error was found; `--check` compares instead of writing.
 */
export function knowledgeCommand(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const [sub, ...rest] = argv;
  if (sub !== 'build')
    throw new AppError(
      'usage',
      'usage: afsbot knowledge build <files or folders> [--out FILE] [--check]',
    );
  const { flags, positional } = parseArgs(rest, ['out', 'sources', 'phrasings'], ['check']);
  if (positional.length === 0)
    throw new AppError(
      'usage',
      'name the article files or folders to import, e.g. ../shared/seeds',
    );
  for (const p of positional)
    if (!existsSync(p)) throw new AppError('usage', `${p} does not exist`);
  const target =
    (flags.get('out') as string | undefined) ?? join(PROJECT, 'knowledge', 'index.json');
  const sources = readSources(
    (flags.get('sources') as string | undefined) ?? join(PROJECT, 'knowledge', 'sources.json'),
  );
  const phrasingsPath =
    (flags.get('phrasings') as string | undefined) ?? join(PROJECT, 'knowledge', 'phrasings.json');
  const result = buildIndex(listArticles(positional), sources, readPhrasings(phrasingsPath));
  err(result.report);
  if (!result.index) {
    err(
      `\nknowledge build failed: ${result.diagnostics.filter((d) => d.severity === 'error').length} errors; ${target} left unchanged`,
    );
    return 2;
  }
  const text = serializeIndex(result.index);
  const snapshotPath = snapshotPathOf(target);
  const snapshot = snapshotFileText(text, result.index);
  if (flags.has('check')) {
    for (const [path, wanted] of [
      [target, text],
      [snapshotPath, snapshot],
    ]) {
      const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
      if (current !== wanted) {
        err(`\n${path} is not current: run npm run knowledge:build -- ${positional.join(' ')}`);
        return 1;
      }
    }
    out(`${target} is current`);
    return 0;
  }
  // Write beside the target and rename, so a crash never leaves half an index.
  const tmp = join(dirname(target), `.index-${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, target);
  writeFileSync(tmp, snapshot);
  renameSync(tmp, snapshotPath);
  out(`wrote ${target} (${result.index.entries.length} entries, ${text.length} bytes)`);
  return 0;
}

import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors';
import { projectRoot } from '../project-root';
import { KnowledgeIndex } from './schema';

/** The index shipped with the package (built from the source articles by `npm run knowledge:build`). */
export const BUNDLED_INDEX = join(projectRoot(), 'knowledge', 'index.json');

/** The file beside a knowledge index that holds its search index (`afsbot knowledge build`). */
export const snapshotPathOf = (indexPath: string): string =>
  join(dirname(indexPath), 'search-index.json');

/**
 * The SHA-256 the search index beside an index file records for the file it was built from,
 * read from the snapshot's first bytes (`{"index":"<hex>"`); undefined when there is none.
 * `knowledge build` writes a snapshot only for an index the schema validated.
 */
function builtFromHash(indexPath: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(snapshotPathOf(indexPath), 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(80);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\{"index":"([0-9a-f]{64})"/.exec(head.toString('latin1', 0, n))?.[1];
  } finally {
    closeSync(fd);
  }
}

/** Validates an index object; the error names the first problems found. */
export function parseIndex(data: unknown, origin: string): KnowledgeIndex {
  const parsed = KnowledgeIndex.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new AppError(
      'knowledge_index_invalid',
      `${origin} is not a valid knowledge index: ${where}. Rebuild it with npm run knowledge:build.`,
    );
  }
  return parsed.data;
}

/** Reads and validates an index file. */
export function loadIndex(path: string = BUNDLED_INDEX): KnowledgeIndex {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AppError(
      'knowledge_index_missing',
      `cannot read the knowledge index ${path} (${(err as Error).message}). Build it with npm run knowledge:build -- ../shared/seeds.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError(
      'knowledge_index_invalid',
      `${path} is not JSON (${(err as Error).message}). Rebuild it with npm run knowledge:build.`,
    );
  }
  // The file the build validated and indexed is not validated again (a tenth of start-up);
  // any other text is. NOTE: the schema has no defaults or transforms, so a valid index parses
  // to what JSON.parse made of it; `knowledge build --check` keeps the bundled files current.
  if (builtFromHash(path) === createHash('sha256').update(text).digest('hex'))
    return data as KnowledgeIndex;
  return parseIndex(data, path);
}

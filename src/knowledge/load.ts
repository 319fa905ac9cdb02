import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import { projectRoot } from '../project-root';
import { KnowledgeIndex } from './schema';

/** The index shipped with the package (built from the source articles by `npm run knowledge:build`). */
export const BUNDLED_INDEX = join(projectRoot(), 'knowledge', 'index.json');

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
  return parseIndex(data, path);
}

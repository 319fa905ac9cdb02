import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BUNDLED_INDEX, snapshotPathOf } from '../knowledge/load';
import type { KnowledgeIndex } from '../knowledge/schema';
import { AudienceGate } from './audience';
import { EntryModel } from './entry-model';
import { TextIndex, type TextIndexSnapshot } from './search';

/**
 * The search index prebuilt when the knowledge is built (`afsbot knowledge build` writes it
 * beside `index.json`): the server loads it instead of indexing every entry at start-up.
 */

export { snapshotPathOf };

/** What the matcher can start from instead of reading every entry. */
export interface SearchSnapshot {
  text: TextIndexSnapshot;
  /** `AudienceGate.supportTermsOf` the entries (absent from files written before it was kept). */
  supportTerms?: string[];
}

interface SnapshotFile extends SearchSnapshot {
  /** SHA-256 of the index file it was built from. */
  index: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The search index file's text for a knowledge index (given as its file's text). */
export function snapshotFileText(indexText: string, index: KnowledgeIndex): string {
  // The entry model trained afresh, never one kept from an earlier build: the file must be what
  // the training code makes now. The text index below takes that model, remembered by `of`.
  EntryModel.of(index.entries, { fresh: true });
  const file: SnapshotFile = {
    index: sha256(indexText),
    text: new TextIndex(index.entries).snapshot(),
    supportTerms: AudienceGate.supportTermsOf(index.entries),
  };
  return JSON.stringify(file);
}

/**
 * The prebuilt search index of a knowledge index file, or undefined when there is none or it
 * was built from another file: the matcher then indexes the entries itself, as it always could,
 * so a missing or outdated file costs start-up time and nothing else.
 */
export function readSearchSnapshot(indexPath: string = BUNDLED_INDEX): SearchSnapshot | undefined {
  let file: SnapshotFile;
  try {
    file = JSON.parse(readFileSync(snapshotPathOf(indexPath), 'utf8')) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (file.index !== sha256(readFileSync(indexPath, 'utf8'))) return undefined;
  return { text: file.text, supportTerms: file.supportTerms };
}

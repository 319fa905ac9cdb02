/**
 * Loading the knowledge index: the file the search snapshot was built from (which the build
 * validated) is taken as it is; any other file is validated, and refused with the reason.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_INDEX, loadIndex, parseIndex, snapshotPathOf } from '../../src/knowledge/load';
import { KnowledgeIndex } from '../../src/knowledge/schema';

afterEach(() => jest.restoreAllMocks());

/** A folder with the bundled search snapshot beside the given index text. */
function beside(indexText: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'afsbot-load-'));
  const path = join(dir, 'index.json');
  writeFileSync(path, indexText);
  copyFileSync(snapshotPathOf(BUNDLED_INDEX), snapshotPathOf(path));
  return path;
}

describe('loading the knowledge index', () => {
  const text = readFileSync(BUNDLED_INDEX, 'utf8');

  it('does not validate the file the search snapshot was built from again', () => {
    const parse = jest.spyOn(KnowledgeIndex, 'safeParse');
    loadIndex();
    expect(parse).not.toHaveBeenCalled();
  });

  it('gives what validating the file gives', () => {
    expect(loadIndex()).toEqual(parseIndex(JSON.parse(text), BUNDLED_INDEX));
  });

  it('validates a file the snapshot was not built from, and refuses an invalid one', () => {
    const data = JSON.parse(text) as { entries: Record<string, unknown>[] };
    data.entries[0].title = 42;
    const path = beside(JSON.stringify(data));
    expect(() => loadIndex(path)).toThrow(/not a valid knowledge index: entries\.0\.title/);
  });

  it('validates a file with no snapshot beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afsbot-load-'));
    const path = join(dir, 'index.json');
    writeFileSync(path, text);
    const parse = jest.spyOn(KnowledgeIndex, 'safeParse');
    loadIndex(path);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});

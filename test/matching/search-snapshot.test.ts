/**
 * The search index built with the knowledge (`knowledge/search-index.json`): current, used only
 * for the index file it was built from and the analyzer that built it, and answering exactly as
 * a matcher that indexes the entries itself.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_INDEX, loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { AudienceGate } from '../../src/matching/audience';
import { TextIndex } from '../../src/matching/search';
import {
  readSearchSnapshot,
  snapshotFileText,
  snapshotPathOf,
} from '../../src/matching/search-snapshot';
import { work } from '../../src/matching/work';
import { BenchMessages } from '../bench/unique-messages';
import { ROOT } from '../helpers';

const index = loadIndex();
const queries = readFileSync(join(ROOT, 'test', 'eval', 'queries.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { q: string }).q);

describe('the prebuilt search index', () => {
  it('is current: what the code builds from knowledge/index.json now', () => {
    const wanted = snapshotFileText(readFileSync(BUNDLED_INDEX, 'utf8'), index);
    // After a change to the analyzer or the index: npm run knowledge:build -- ../shared/seeds
    expect(readFileSync(snapshotPathOf(BUNDLED_INDEX), 'utf8') === wanted).toBe(true);
  });

  it('answers every evaluation question and bench message as a matcher that indexes', () => {
    const snapshot = readSearchSnapshot();
    expect(snapshot).toBeDefined();
    const loaded = new Matcher(index, { snapshot });
    const built = new Matcher(index);
    const messages = new BenchMessages(ROOT);
    const texts = [...queries, ...Array.from({ length: 300 }, (_, n) => messages.unique(n))];
    const differing = texts.filter(
      (t) => JSON.stringify(loaded.ask(t).result) !== JSON.stringify(built.ask(t).result),
    );
    expect(differing).toEqual([]);
  });

  it('carries the typo index: the first typo corrected costs no more than a later one', () => {
    const snapshot = readSearchSnapshot()!.text;
    const warmed = new TextIndex(index.entries, { ...snapshot, typos: undefined });
    warmed.search('credentail expired');
    work.take();
    warmed.search('certficate renewal');
    const later = work.take();
    const loaded = new TextIndex(index.entries, snapshot);
    work.take();
    loaded.search('certficate renewal');
    expect(work.take()).toBe(later);
  });

  it('builds the typo index when the one it carries lists other words', () => {
    const snapshot = readSearchSnapshot()!.text;
    const other = { ...snapshot.typos!, words: snapshot.typos!.words.map((w) => `${w}x`) };
    const loaded = new TextIndex(index.entries, { ...snapshot, typos: other });
    const built = new TextIndex(index.entries);
    expect(loaded.search('certficate renewal').hits.map((h) => h.entry.id)).toEqual(
      built.search('certficate renewal').hits.map((h) => h.entry.id),
    );
  });

  it('is not used for another index file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afsbot-snapshot-'));
    const other = join(dir, 'index.json');
    copyFileSync(snapshotPathOf(BUNDLED_INDEX), snapshotPathOf(other));
    writeFileSync(other, readFileSync(BUNDLED_INDEX, 'utf8').replace('"entries"', ' "entries"'));
    expect(readSearchSnapshot(other)).toBeUndefined();
    copyFileSync(BUNDLED_INDEX, other);
    expect(readSearchSnapshot(other)).toBeDefined();
  });

  it('is not used when the analyzer made other title terms: the entries are indexed again', () => {
    const snapshot = readSearchSnapshot()!.text;
    const stale = {
      ...snapshot,
      df: [],
      titles: snapshot.titles.map((t, i) => (i === 0 ? [...t, 'changed'] : t)),
    };
    const fresh = new TextIndex(index.entries);
    const text = new TextIndex(index.entries, stale);
    expect(JSON.stringify(text.snapshot().df)).toBe(JSON.stringify(fresh.snapshot().df));
    expect(text.search('cloud tiering recall fails').hits.map((h) => h.entry.id)).toEqual(
      fresh.search('cloud tiering recall fails').hits.map((h) => h.entry.id),
    );
  });

  it('carries the support-only terms, so the audience gate reads no entry at start-up', () => {
    const snapshot = readSearchSnapshot()!;
    const terms = snapshot.supportTerms ?? [];
    expect(terms).toEqual(AudienceGate.supportTermsOf(index.entries));
    expect(terms.length).toBeGreaterThan(0);
    // The matcher takes the gate's terms from the snapshot: a term put there opens the gate.
    const marked = new Matcher(index, {
      snapshot: { ...snapshot, supportTerms: [...terms, 'zzmarker'] },
    });
    const support = index.entries.find((e) => e.audience === 'support')!;
    const asked = (m: Matcher) =>
      m.ask(`${support.title} zzmarker`).entries.some((e) => e.audience === 'support');
    expect(asked(marked)).toBe(true);
    expect(asked(new Matcher(index, { snapshot }))).toBe(false);
  });

  it('does not take the support terms of a snapshot made by another analyzer', () => {
    const snapshot = readSearchSnapshot()!;
    const stale = {
      text: {
        ...snapshot.text,
        titles: snapshot.text.titles.map((t, i) => (i === 0 ? [...t, 'changed'] : t)),
      },
      supportTerms: [],
    };
    const support = index.entries.find((e) => e.audience === 'support')!;
    const term = AudienceGate.supportTermsOf(index.entries)[0];
    // The stale snapshot says no term opens the gate; worked out again, the support term does.
    const m = new Matcher(index, { snapshot: stale });
    expect(m.ask(`${support.title} ${term}`).entries.some((e) => e.audience === 'support')).toBe(
      true,
    );
  });

  it('works the support terms out itself from a file written before they were kept', () => {
    const { text } = readSearchSnapshot()!;
    const support = index.entries.find((e) => e.audience === 'support')!;
    const term = AudienceGate.supportTermsOf(index.entries)[0];
    const m = new Matcher(index, { snapshot: { text } });
    expect(m.ask(`${support.title} ${term}`).entries.some((e) => e.audience === 'support')).toBe(
      true,
    );
  });
});

/**
 * The entry model (`src/matching/entry-model.ts`): a second view of which entry a question means,
 * learnt from the knowledge's own sentences, kept in the search index, and used by the ranking
 * and the decision with the weights chosen by cross-validation.
 */
import { loadIndex } from '../../src/knowledge/load';
import { EntryModel, sourceOf, trainingTexts } from '../../src/matching/entry-model';
import { TextIndex } from '../../src/matching/search';
import { readSearchSnapshot } from '../../src/matching/search-snapshot';
import { terms } from '../../src/matching/text';
import { WEIGHTS } from '../../src/matching/weights';
import { work } from '../../src/matching/work';

const index = loadIndex();
const model = EntryModel.from(readSearchSnapshot()!.text.model!);
const byId = (id: string) => index.entries.find((e) => e.id === id)!;
const likeliest = (text: string, among: string[]) => {
  const p = model.probabilities(new Set(terms(text)));
  return [...among].sort((a, b) => p[model.indexOf(b)] - p[model.indexOf(a)])[0];
};

describe('the entry model', () => {
  it('learns from each entry its title, phrasings, names, cause and steps', () => {
    const e = byId('afs-files-fail-tiering');
    const texts = trainingTexts(e);
    expect(texts[0]).toBe(e.title);
    expect(texts).toEqual(expect.arrayContaining(e.keywords));
    expect(texts.some((t) => t.includes('fltmc'))).toBe(true);
    expect(texts.every((t) => t.trim().length >= 3)).toBe(true);
  });

  // Sibling entries share most of their words; the model weighs the few that differ.
  it.each([
    [
      'this server is already registered with another sync service',
      'afs-server-already-registered',
      'afs-server-registration-missing',
    ],
    [
      'the server is missing from registered servers in the portal',
      'afs-server-registration-missing',
      'afs-server-already-registered',
    ],
  ])('tells "%s" apart: %s before %s', (text, right, sibling) => {
    expect(likeliest(text, [right, sibling])).toBe(right);
  });

  it('gives a probability to every entry, summing to one, and the prior alone to unknown words', () => {
    const p = model.probabilities(['zzunknown']);
    expect(p.length).toBe(index.entries.length);
    index.entries.forEach((e, k) => expect(model.indexOf(e.id)).toBe(k));
    expect(model.indexOf('no-such-entry')).toBe(-1);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(model.probabilities([])).toEqual(p);
  });

  it('costs work bounded by the entries and the weights of the words asked', () => {
    work.take();
    model.probabilities(new Set(terms('sync fails with a firewall on the storage account')));
    const some = work.take();
    expect(some).toBeGreaterThan(index.entries.length);
    model.probabilities(Array.from({ length: 400 }, (_, i) => `zz${i}`));
    expect(work.take()).toBeLessThanOrEqual(3 * index.entries.length);
  });

  it('is trained the same way every time, so the kept model is the one a build makes', () => {
    const entries = index.entries.slice(0, 40);
    expect(JSON.stringify(EntryModel.train(entries).data())).toBe(
      JSON.stringify(EntryModel.train(entries).data()),
    );
  });

  it('reads back from its data exactly', () => {
    const again = EntryModel.from(model.data());
    const text = new Set(terms('recall of tiered files fails with access denied'));
    expect(again.probabilities(text)).toEqual(model.probabilities(text));
  });

  it('knows whether it was trained on the entries given', () => {
    expect(model.fits(index.entries)).toBe(true);
    expect(model.fits(index.entries.slice(1))).toBe(false);
    expect(model.fits([...index.entries].reverse())).toBe(false);
  });
});

describe('the search index and the entry model', () => {
  it('loads the model kept in the search index instead of training one', () => {
    const train = jest.spyOn(EntryModel, 'train');
    try {
      const loaded = new TextIndex(index.entries, readSearchSnapshot()!.text);
      expect(loaded.fromSnapshot).toBe(true);
      expect(train).not.toHaveBeenCalled();
    } finally {
      train.mockRestore();
    }
  });

  it('takes the model kept with the bundled knowledge for the same entries without their search index', () => {
    const train = jest.spyOn(EntryModel, 'train');
    try {
      const built = new TextIndex(index.entries);
      expect(train).not.toHaveBeenCalled();
      expect(built.snapshot().model).toEqual(readSearchSnapshot()!.text.model);
    } finally {
      train.mockRestore();
    }
  });

  it('trains afresh when asked, whatever is kept, and remembers that model', () => {
    const entries = index.entries.slice(0, 20);
    const kept = EntryModel.of(entries);
    const train = jest.spyOn(EntryModel, 'train');
    try {
      const fresh = EntryModel.of(entries, { fresh: true });
      expect(train).toHaveBeenCalledTimes(1);
      expect(fresh).not.toBe(kept);
      expect(fresh.data()).toEqual(kept.data());
      expect(EntryModel.of(entries)).toBe(fresh);
    } finally {
      train.mockRestore();
    }
  });

  it('trains on entries whose sentences differ from the bundled ones', () => {
    const changed = index.entries
      .slice(0, 30)
      .map((e, i) => (i === 0 ? { ...e, keywords: [...e.keywords, 'a phrasing of its own'] } : e));
    const train = jest.spyOn(EntryModel, 'train');
    try {
      const model = EntryModel.of(changed);
      expect(train).toHaveBeenCalledTimes(1);
      expect(model.source).toBe(sourceOf(changed));
      expect(model.source).not.toBe(sourceOf(index.entries.slice(0, 30)));
      // Trained once per process for the same sentences.
      expect(EntryModel.of(changed)).toBe(model);
      expect(train).toHaveBeenCalledTimes(1);
    } finally {
      train.mockRestore();
    }
  });

  it('does not use a kept model made of other entries: it takes the model of these', () => {
    const snapshot = readSearchSnapshot()!.text;
    const other = { ...snapshot.model!, classes: [...snapshot.model!.classes].reverse() };
    const loaded = new TextIndex(index.entries, { ...snapshot, model: other });
    expect(loaded.snapshot().model).toEqual(snapshot.model);
  });

  it('gives every ranked candidate its probability, and weighs it by the ranking weights', () => {
    const text = new TextIndex(index.entries, readSearchSnapshot()!.text);
    const q = 'files never get tiered even though the volume free space policy is set';
    const hits = text.search(q, 10, 'bm25', WEIGHTS.rank).hits;
    expect(hits.every((h) => typeof h.model === 'number' && h.model >= 0 && h.model <= 1)).toBe(
      true,
    );
    // Not asked when the ranking does not weigh it.
    const unweighed = text.search(q, 10, 'bm25', { ...WEIGHTS.rank, model: 0 }).hits;
    expect(unweighed.every((h) => h.model === undefined)).toBe(true);
    // A large weight puts the entry the model finds likeliest first.
    const led = text.search(q, 10, 'bm25', { ...WEIGHTS.rank, model: 100 }).hits;
    const best = [...led].sort((a, b) => b.model! - a.model!)[0];
    expect(led[0].entry.id).toBe(best.entry.id);
  });
});

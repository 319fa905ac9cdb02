import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Split, SPLIT_CATEGORY, batchOf, halfOf, splitQueries } from '../../src/eval/split';

const root = join(__dirname, '..', '..');
const queries = readFileSync(join(root, 'test/eval/queries.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; category: string });
const committed = Split.parse(JSON.parse(readFileSync(join(root, 'test/eval/split.json'), 'utf8')));

describe('the tuning/test split of the evaluation questions', () => {
  it('is reproduced by its seed from the queries it was made from', () => {
    const listed = new Set([...committed.tuning, ...committed.test]);
    const made = splitQueries(
      queries.filter((q) => listed.has(q.id)),
      committed.seed,
    );
    expect(made).toEqual({ ...committed, addedForTuning: [], later: [] });
  });

  it('reproduces each later batch from its own seed, without moving a question of the first split', () => {
    for (const batch of committed.later) {
      const ids = new Set([...batch.tuning, ...batch.test]);
      const made = splitQueries(
        queries.filter((q) => ids.has(q.id)),
        batch.seed,
      );
      expect({ seed: made.seed, tuning: made.tuning, test: made.test }).toEqual(batch);
      expect(
        [...ids].filter((id) => committed.tuning.includes(id) || committed.test.includes(id)),
      ).toEqual([]);
    }
  });

  it("puts a later batch's halves on their own side", () => {
    const [batch] = committed.later;
    expect(halfOf(committed, batch.tuning[0])).toBe('tuning');
    expect(halfOf(committed, batch.test[0])).toBe('test');
  });

  it('gives questions written after the split to tuning only', () => {
    for (const id of committed.addedForTuning) {
      expect(committed.test).not.toContain(id);
      expect(halfOf(committed, id)).toBe('tuning');
      expect(queries.some((q) => q.id === id)).toBe(true);
    }
  });

  it('keeps the halves apart and each category in both', () => {
    expect(committed.tuning.filter((id) => committed.test.includes(id))).toEqual([]);
    const listed = new Set([...committed.tuning, ...committed.test]);
    const cats = new Set(
      queries
        .filter((q) => listed.has(q.id) && SPLIT_CATEGORY.test(q.category))
        .map((q) => q.category),
    );
    for (const c of cats) {
      const ids = queries.filter((q) => q.category === c).map((q) => q.id);
      expect(ids.some((id) => committed.tuning.includes(id))).toBe(true);
      expect(ids.some((id) => committed.test.includes(id))).toBe(true);
    }
  });

  it('puts a query the split never saw in the test half', () => {
    expect(halfOf(committed, 'written-after-the-split')).toBe('test');
    expect(halfOf(committed, committed.tuning[0])).toBe('tuning');
  });

  it('changes with the seed', () => {
    expect(splitQueries(queries, 'another seed').tuning).not.toEqual(committed.tuning);
  });

  it('names the batch each tuning question was written in', () => {
    const counts = new Map<string, number>();
    for (const q of queries.filter((x) => halfOf(committed, x.id) === 'tuning'))
      counts.set(batchOf(committed, q.id), (counts.get(batchOf(committed, q.id)) ?? 0) + 1);
    expect(counts.get('first')).toBe(committed.tuning.length);
    expect(counts.get('added')).toBe(committed.addedForTuning.length);
    for (const b of committed.later) expect(counts.get(b.seed)).toBe(b.tuning.length);
  });
});

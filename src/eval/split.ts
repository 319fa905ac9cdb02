import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Categories whose queries are split in halves: free text, where weights are tuned. */
export const SPLIT_CATEGORY = /^(question-|off-topic$)/;

/** A batch of questions written after the first split, split the same way with its own seed. */
export const SplitBatch = z
  .object({
    seed: z.string().min(1),
    tuning: z.array(z.string()).max(10_000),
    test: z.array(z.string()).max(10_000),
  })
  .strict();
export type SplitBatch = z.infer<typeof SplitBatch>;

/** The committed split (`test/eval/split.json`): which ids tuning may look at, which it may not. */
export const Split = z
  .object({
    seed: z.string().min(1),
    tuning: z.array(z.string()).max(10_000),
    test: z.array(z.string()).max(10_000),
    /** Questions written from the articles after the split was made: tuning only, never the test half. */
    addedForTuning: z.array(z.string()).max(10_000).default([]),
    /**
     * Later batches, each split into halves by `splitQueries` with its seed before any tuning
     * looked at it, so the test half grows with every batch.
     */
    later: z.array(SplitBatch).max(100).default([]),
  })
  .strict();
export type Split = z.infer<typeof Split>;

const rankOf = (seed: string, id: string) =>
  createHash('sha256').update(`${seed}:${id}`).digest('hex');

/**
 * Splits queries into a tuning half and a test half, per category (so each half has every kind
 * of question), in an order fixed by the seed. The first half of each category (rounded down)
 * goes to tuning: on an odd count the test half gets the extra one.
 */
export function splitQueries(queries: { id: string; category: string }[], seed: string): Split {
  const byCategory = new Map<string, string[]>();
  for (const q of queries) {
    if (!SPLIT_CATEGORY.test(q.category)) continue;
    byCategory.set(q.category, [...(byCategory.get(q.category) ?? []), q.id]);
  }
  const tuning: string[] = [];
  const test: string[] = [];
  for (const [, ids] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ordered = [...ids].sort((a, b) => (rankOf(seed, a) < rankOf(seed, b) ? -1 : 1));
    const half = Math.floor(ordered.length / 2);
    tuning.push(...ordered.slice(0, half));
    test.push(...ordered.slice(half));
  }
  return { seed, tuning: tuning.sort(), test: test.sort(), addedForTuning: [], later: [] };
}

/** The ids of the first split's test half: the questions held out longest. */
export const firstTestHalf = (split: Split) => new Set(split.test);

/** The half a query belongs to: ids the split does not list were never tuned on, so test. */
export function halfOf(split: Split, id: string): 'tuning' | 'test' {
  if (split.tuning.includes(id) || split.addedForTuning.includes(id)) return 'tuning';
  return split.later.some((b) => b.tuning.includes(id)) ? 'tuning' : 'test';
}

/**
 * The batch a tuning query was written in: the first split, the questions added for tuning, or a
 * later batch by its seed. Cross-validation holds out one batch at a time (`tune`).
 */
export function batchOf(split: Split, id: string): string {
  if (split.tuning.includes(id) || split.test.includes(id)) return 'first';
  if (split.addedForTuning.includes(id)) return 'added';
  return split.later.find((b) => b.tuning.includes(id) || b.test.includes(id))?.seed ?? 'first';
}

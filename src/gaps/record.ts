import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_SCRUBBED_CHARS } from './scrub';

/** What a person was shown (AskResult `verdict`). */
export const VERDICTS = ['answer', 'did-you-mean', 'unknown-code', 'off-topic', 'empty'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Where gap records live in the key/value store. */
export const GAPS_PREFIX = 'gaps/';
/** Candidates kept per record (the cards show three). */
export const MAX_SHOWN = 5;
/** Entries counted per record for choices and "not helpful" votes. */
export const MAX_COUNTED = 20;

const EntryId = z.string().min(1).max(200);
const Counts = z
  .record(EntryId, z.number().int().min(0))
  .refine((c) => Object.keys(c).length <= MAX_COUNTED, `at most ${MAX_COUNTED} entries`);

/**
 * One question the bot could not answer confidently, or whose answer was voted "not helpful":
 * its scrubbed text and counts, nothing about who asked. `count` is how many times it was
 * recorded (turns and votes alike).
 */
export const GapRecord = z
  .object({
    v: z.literal(1),
    q: z.string().min(1).max(MAX_SCRUBBED_CHARS),
    verdict: z.enum(VERDICTS),
    shown: z.array(EntryId).max(MAX_SHOWN),
    chosen: Counts,
    notHelpful: Counts,
    count: z.number().int().min(0),
    firstSeen: z.string().datetime(),
    lastSeen: z.string().datetime(),
  })
  .strict();
export type GapRecord = z.infer<typeof GapRecord>;

/** A record with the key it is stored under. */
export type KeyedGap = GapRecord & { key: string };

/** Two questions that differ only in case and spacing are one record. */
export function normalizeQuestion(q: string): string {
  return q.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The id of a scrubbed question: 24 hex digits of its normalized text's SHA-256. */
export function gapId(q: string): string {
  return createHash('sha256').update(normalizeQuestion(q)).digest('hex').slice(0, 24);
}

/** A gap id as card data carries it back (checked before it is used as a key). */
export const GapIdSchema = z.string().regex(/^[0-9a-f]{24}$/);

/** Adds one to an entry's count, keeping at most MAX_COUNTED entries (the smallest go). */
export function bump(counts: Record<string, number>, entryId: string): Record<string, number> {
  const next = { ...counts, [entryId]: (counts[entryId] ?? 0) + 1 };
  const ids = Object.keys(next);
  if (ids.length <= MAX_COUNTED) return next;
  const smallest = ids
    .filter((id) => id !== entryId)
    .sort((a, b) => next[a] - next[b] || (a < b ? -1 : 1))[0];
  delete next[smallest];
  return next;
}

import { z } from 'zod';
import { Notification } from './notification';

/** The outbox's keys and what it stores under them (src/notify/outbox.ts uses them). */

export const KEYS = 'outbox/keys/';
export const PENDING = 'outbox/pending/';
/** Notifications given up, kept with their card until an operator re-queues them or prune. */
export const PARKED = { failed: 'outbox/failed/', dropped: 'outbox/dropped/' } as const;
export const SEQ_DIGITS = 16;

/** What the outbox remembers about an idempotency key, long after its message was sent. */
export const KeyRecord = z.object({
  seq: z.string(),
  conversationId: z.string(),
  kind: z.enum(['send', 'update']),
  status: z.enum(['pending', 'done', 'failed', 'dropped']),
  enqueuedAt: z.string(),
  /** For `done`: the Teams activity id the send returned (an update keeps its send's id). */
  activityId: z.string().optional(),
  finishedAt: z.string().optional(),
  attempts: z.number().int().min(0).optional(),
  /** For `failed` and `dropped`: why, for the log and an operator. */
  reason: z.string().optional(),
  syncGroup: z.string().optional(),
  /** The enqueue that wrote the entry at `seq` (a random id): what proves an entry owns the key. */
  token: z.string().optional(),
});
export type KeyRecord = z.infer<typeof KeyRecord>;

export const PendingRecord = z.object({
  notification: Notification,
  attempts: z.number().int().min(0),
  /** Epoch milliseconds before which the sender leaves it alone (0: at once). */
  nextAttemptAt: z.number(),
  lastError: z.string().optional(),
  token: z.string().optional(),
});

export const entryOf = (n: Notification, token: string) => ({
  notification: n,
  attempts: 0,
  nextAttemptAt: 0,
  token,
});

/**
 * True when `record` belongs to the entry written at `seq` with `token`. The token settles it:
 * a sequence alone can repeat across processes (a restart within the same millisecond, a clock
 * set back).
 */
export function owns(record: KeyRecord | null, seq: string, token: string | undefined): boolean {
  return !!record && record.seq === seq && record.token === token;
}

/** A notification given up, as kept for an operator. */
export const ParkedRecord = z.object({
  notification: Notification,
  outcome: z.enum(['failed', 'dropped']),
  reason: z.string(),
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
  at: z.string(),
});
export type ParkedRecord = z.infer<typeof ParkedRecord>;

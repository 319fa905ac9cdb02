import { z } from 'zod';
import { AppError } from '../errors';
import type { KvStore } from '../storage/kv-store';
import { Notification, type NotificationQueue } from './notification';

/** Pending notifications the outbox holds before it refuses more. */
export const MAX_PENDING = 100_000;

/**
 * How old an idempotency record must be before a missing queue entry counts as lost. A
 * younger one may belong to an enqueue that is between its two writes right now.
 */
const REPAIR_AFTER_MS = 30_000;

const KEYS = 'outbox/keys/';
const PENDING = 'outbox/pending/';
const SEQ_DIGITS = 16;

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
});
export type KeyRecord = z.infer<typeof KeyRecord>;

const PendingRecord = z.object({
  notification: Notification,
  attempts: z.number().int().min(0),
  /** Epoch milliseconds before which the sender leaves it alone (0: at once). */
  nextAttemptAt: z.number(),
  lastError: z.string().optional(),
});

/** A notification waiting in the queue, as the sender sees it. */
export interface PendingItem {
  /** Its queue key: sort order is FIFO order. */
  slot: string;
  notification: Notification;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

/** Outcomes that take a notification out of the queue for good, other than delivery. */
export type GiveUp = 'failed' | 'dropped';

/**
 * The durable outbox on the key/value store (SQLite or Azure Blob alike). A notification is
 * written before anything sends it: an idempotency record `outbox/keys/<key>` created only
 * when absent, then a queue entry `outbox/pending/<seq>/<key>` whose sortable sequence gives
 * FIFO order. The record stays after delivery with the Teams activity id, so the same key is
 * refused for good and an `update` finds the message its `send` posted.
 *
 * NOTE: one process drains an outbox. Two enqueuers in one or several processes are safe; two
 * senders would each send the same entries.
 */
export class Outbox implements NotificationQueue {
  private lastSeq = 0;
  private count: number | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly kv: KvStore,
    private readonly options: { maxPending?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Stores a notification; false when its key was seen before (pending, sent or given up).
   * Refuses with `outbox_full` when the queue is at its cap, and with `request_invalid` when
   * the notification does not validate.
   */
  async enqueue(input: Notification): Promise<boolean> {
    const parsed = Notification.safeParse(input);
    if (!parsed.success) {
      throw new AppError(
        'request_invalid',
        `notification refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const n = parsed.data;
    const max = this.options.maxPending ?? MAX_PENDING;
    if ((await this.pendingCount()) >= max) {
      throw new AppError(
        'outbox_full',
        `the outbox holds ${max} unsent notifications; Teams is not accepting them fast enough or the sender is stopped: check the sender's log before sending more`,
      );
    }
    const now = this.now();
    const record: KeyRecord = {
      seq: this.nextSeq(now.getTime()),
      conversationId: n.conversationId,
      kind: n.kind,
      status: 'pending',
      enqueuedAt: now.toISOString(),
    };
    try {
      await this.kv.write(KEYS + n.key, record, { ifMatch: null });
    } catch (err) {
      if ((err as { code?: string }).code !== 'storage_conflict') throw err;
      return this.repair(n, now);
    }
    await this.writeEntry(record.seq, n);
    this.count = (this.count ?? 0) + 1;
    for (const listener of this.listeners) listener();
    return true;
  }

  /** Calls `listener` after each notification is stored (the sender wakes on it). */
  onEnqueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * A key seen before is a duplicate, unless an earlier enqueue stopped (a crash) between its
   * two writes: then the entry is written now and the caller's retry is what delivers it.
   */
  private async repair(n: Notification, now: Date): Promise<boolean> {
    const record = await this.status(n.key);
    if (!record || record.status !== 'pending') return false;
    if (now.getTime() - Date.parse(record.enqueuedAt) < REPAIR_AFTER_MS) return false;
    if (await this.kv.read(PENDING + record.seq + '/' + n.key)) return false;
    await this.writeEntry(record.seq, n);
    this.count = (this.count ?? 0) + 1;
    return true;
  }

  private async writeEntry(seq: string, n: Notification): Promise<void> {
    try {
      await this.kv.write(
        PENDING + seq + '/' + n.key,
        { notification: n, attempts: 0, nextAttemptAt: 0 },
        { ifMatch: null },
      );
    } catch (err) {
      // A concurrent repair wrote the same entry first: it is there, which is all that matters.
      if ((err as { code?: string }).code !== 'storage_conflict') throw err;
    }
  }

  /** Microsecond-like stamps that only grow in this process, fixed width so keys sort in order. */
  private nextSeq(nowMs: number): string {
    this.lastSeq = Math.max(nowMs * 1000, this.lastSeq + 1);
    return String(this.lastSeq).padStart(SEQ_DIGITS, '0');
  }

  /**
   * The oldest `limit` pending notifications, FIFO. An entry whose key was already finished (a
   * crash between the two writes of markDone) is removed here rather than sent again.
   */
  async pending(limit = Infinity): Promise<PendingItem[]> {
    const slots = await this.kv.list(PENDING);
    this.count = slots.length;
    const out: PendingItem[] = [];
    for (const slot of slots) {
      if (out.length >= limit) break;
      const item = await this.read(slot);
      if (item) out.push(item);
    }
    return out;
  }

  /** Reads one queue entry; null (and the entry removed) when it is finished or unreadable. */
  async read(slot: string): Promise<PendingItem | null> {
    const stored = await this.kv.read(slot);
    if (!stored) return null;
    const parsed = PendingRecord.safeParse(stored.value);
    const key = slot.slice(PENDING.length + SEQ_DIGITS + 1);
    const record = parsed.success ? await this.status(key) : null;
    if (!parsed.success || record?.status !== 'pending') {
      await this.kv.delete(slot);
      this.count = Math.max(0, (this.count ?? 1) - 1);
      return null;
    }
    return { slot, ...parsed.data };
  }

  /** Notifications not yet sent or given up (exact after `pending()`, counted in between). */
  async pendingCount(): Promise<number> {
    if (this.count === null) this.count = (await this.kv.list(PENDING)).length;
    return this.count;
  }

  /**
   * Forgets keys finished (done, failed, dropped) before `before`: the records that stop a
   * repeat would otherwise grow forever. Pending keys are kept whatever their age. Returns how
   * many were removed.
   */
  async prune(before: Date): Promise<number> {
    let removed = 0;
    for (const key of await this.kv.list(KEYS)) {
      const stored = await this.kv.read(key);
      const parsed = stored ? KeyRecord.safeParse(stored.value) : null;
      if (!parsed?.success || parsed.data.status === 'pending') continue;
      const finished = Date.parse(parsed.data.finishedAt ?? parsed.data.enqueuedAt);
      if (finished < before.getTime() && (await this.kv.delete(key, { ifMatch: stored!.etag })))
        removed++;
    }
    return removed;
  }

  /** What became of a key, or null when it was never enqueued. */
  async status(key: string): Promise<KeyRecord | null> {
    const stored = await this.kv.read(KEYS + key);
    const parsed = stored ? KeyRecord.safeParse(stored.value) : null;
    return parsed?.success ? parsed.data : null;
  }

  /** The Teams activity id of a delivered key, null until it is delivered. */
  async activityIdOf(key: string): Promise<string | null> {
    const record = await this.status(key);
    return record?.status === 'done' ? (record.activityId ?? null) : null;
  }

  /** Records delivery (first, so a crash never leaves it looking unsent) and dequeues. */
  async markDone(item: PendingItem, activityId: string): Promise<void> {
    await this.finish(item, { status: 'done', activityId, attempts: item.attempts + 1 });
  }

  /** Takes a notification out of the queue without delivering it, with the reason. */
  async giveUp(item: PendingItem, outcome: GiveUp, reason: string): Promise<void> {
    await this.finish(item, { status: outcome, reason, attempts: item.attempts });
  }

  private async finish(item: PendingItem, change: Partial<KeyRecord>): Promise<void> {
    const key = item.notification.key;
    const record = await this.status(key);
    const n = item.notification;
    const base: KeyRecord = record ?? {
      seq: item.slot.slice(PENDING.length, PENDING.length + SEQ_DIGITS),
      conversationId: n.conversationId,
      kind: n.kind,
      status: 'pending',
      enqueuedAt: n.createdAt,
    };
    await this.kv.write(KEYS + key, {
      ...base,
      ...change,
      finishedAt: this.now().toISOString(),
    });
    if (await this.kv.delete(item.slot)) this.count = Math.max(0, (this.count ?? 1) - 1);
  }

  /** Records a failed attempt and when to try again; returns the item as now stored. */
  async retryLater(item: PendingItem, error: string, nextAttemptAt: number): Promise<PendingItem> {
    const next: PendingItem = {
      ...item,
      attempts: item.attempts + 1,
      nextAttemptAt,
      lastError: error.slice(0, 500),
    };
    await this.kv.write(item.slot, {
      notification: next.notification,
      attempts: next.attempts,
      nextAttemptAt: next.nextAttemptAt,
      lastError: next.lastError,
    });
    return next;
  }
}

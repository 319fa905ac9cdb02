import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import { createIfAbsent } from '../storage/conditional-write';
import type { KvStore } from '../storage/kv-store';
import { Notification, type NotificationQueue } from './notification';
import {
  entryOf,
  KEYS,
  KeyRecord,
  owns,
  PARKED,
  PENDING,
  PendingRecord,
  SEQ_DIGITS,
  type ParkedRecord,
} from './outbox-records';

export { KEYS, KeyRecord, PARKED, PENDING, ParkedRecord } from './outbox-records';

/** Pending notifications the outbox holds before it refuses more. */
export const MAX_PENDING = 100_000;

/** A notification waiting in the queue, as the sender sees it. */
export interface PendingItem {
  /** Its queue key: sort order is FIFO order. */
  slot: string;
  notification: Notification;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  token?: string;
  /** Its idempotency record as read (or written) when the entry was taken: what `finish` builds on. */
  record: KeyRecord;
}

/** Outcomes that take a notification out of the queue for good, other than delivery. */
export type GiveUp = 'failed' | 'dropped';

/**
 * The durable outbox on the key/value store (SQLite or Azure Blob alike). A notification is
 * written before anything sends it: a queue entry `outbox/pending/<seq>/<key>` whose sortable
 * sequence gives FIFO order, then its idempotency record `outbox/keys/<key>`, created only when
 * absent and naming the entry's sequence. The entry alone is enough: a reader that finds one
 * without a record writes the record itself, so a crash between the two writes loses nothing
 * at any timing, and a duplicate entry (its key's record names another sequence) is removed.
 * The record stays after delivery with the Teams activity id, so the same key is refused for
 * good and an `update` finds the message its `send` posted.
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
    const seq = this.nextSeq(this.now().getTime());
    const token = randomBytes(12).toString('base64url');
    // The queue entry first: from this one write on the notification is in the outbox, and the
    // sender (which lists entries) completes the claim below if this process dies before it.
    // Two writes for a new key, as before; a duplicate pays for a third and a delete.
    await this.kv.write(PENDING + seq + '/' + n.key, entryOf(n, token), { ifMatch: null });
    if (!(await this.claim(n, seq, token))) {
      // The key was seen before (pending, sent or given up), or a racing enqueue won it.
      await this.kv.delete(PENDING + seq + '/' + n.key);
      return false;
    }
    this.count = (this.count ?? 0) + 1;
    for (const listener of this.listeners) listener();
    return true;
  }

  /**
   * Writes the idempotency record of `n` for the entry at `seq` unless one exists. Returns the
   * record when it (new or already there) belongs to that entry, a reader may have claimed it
   * for us; null when it belongs to another.
   */
  private async claim(n: Notification, seq: string, token?: string): Promise<KeyRecord | null> {
    const record: KeyRecord = {
      seq,
      ...(token ? { token } : {}),
      conversationId: n.conversationId,
      kind: n.kind,
      status: 'pending',
      enqueuedAt: n.createdAt,
      ...(n.syncGroup ? { syncGroup: n.syncGroup } : {}),
    };
    if (await createIfAbsent(this.kv, KEYS + n.key, record)) return record;
    const existing = await this.status(n.key);
    return owns(existing, seq, token) ? existing : null;
  }

  /**
   * Calls `listener` after each notification is stored. This is how the sender is woken, for
   * every enqueuer alike (poller, alerts, commands): none of them wakes it on its own.
   */
  onEnqueued(listener: () => void): void {
    this.listeners.push(listener);
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

  /**
   * Reads one queue entry; null (and the entry removed) when it is finished, a duplicate or
   * unreadable. An entry without a record is an enqueue that stopped (or is) between its two
   * writes: its claim is completed here, so it is sent whatever the timing. This is the one
   * read of the key's record a delivery makes: the item carries it to `markDone`/`giveUp`.
   */
  async read(slot: string): Promise<PendingItem | null> {
    const stored = await this.kv.read(slot);
    if (!stored) return null;
    const parsed = PendingRecord.safeParse(stored.value);
    const seq = slot.slice(PENDING.length, PENDING.length + SEQ_DIGITS);
    let owned: KeyRecord | null = null;
    if (parsed.success) {
      const record = await this.status(parsed.data.notification.key);
      const { notification, token } = parsed.data;
      if (!record) owned = await this.claim(notification, seq, token);
      else if (record.status === 'pending' && owns(record, seq, token)) owned = record;
    }
    if (!owned) {
      await this.kv.delete(slot);
      this.count = Math.max(0, (this.count ?? 1) - 1);
      return null;
    }
    return { slot, ...parsed.data!, record: owned };
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
      if (finished < before.getTime() && (await this.kv.delete(key, { ifMatch: stored!.etag }))) {
        removed++;
        const id = key.slice(KEYS.length);
        if (parsed.data.status === 'failed' || parsed.data.status === 'dropped')
          await this.kv.delete(PARKED[parsed.data.status] + id);
      }
    }
    return removed;
  }

  /** What became of a key, or null when it was never enqueued. */
  async status(key: string): Promise<KeyRecord | null> {
    const stored = await this.kv.read(KEYS + key);
    const parsed = stored ? KeyRecord.safeParse(stored.value) : null;
    return parsed?.success ? parsed.data : null;
  }

  /**
   * The Teams activity an update replaces: its send's activity id once delivered; null when the
   * send never went out (failed, dropped, never queued), so the update is posted as a new
   * message and the conversation still learns the outcome. Throws while the send is pending
   * (queued after its update, a caller's mistake): the update waits for it, bounded by its
   * attempts.
   */
  async replacement(item: PendingItem): Promise<string | null> {
    const replaces = item.notification.replaces;
    if (item.notification.kind !== 'update' || !replaces) return null;
    const record = await this.status(replaces);
    if (record?.status === 'pending')
      throw new Error(`the send it replaces (${replaces}) is not sent yet`);
    return record?.status === 'done' ? (record.activityId ?? null) : null;
  }

  /** Records delivery (first, so a crash never leaves it looking unsent) and dequeues. */
  async markDone(item: PendingItem, activityId: string): Promise<void> {
    await this.finish(item, { status: 'done', activityId, attempts: item.attempts + 1 });
  }

  /**
   * Takes a notification out of the queue without delivering it, with the reason, and parks it
   * (card included) under `outbox/failed/` or `outbox/dropped/` for `afsbot outbox retry`. The
   * parked copy is written first: a crash before the record leaves it pending, not lost.
   */
  async giveUp(item: PendingItem, outcome: GiveUp, reason: string): Promise<void> {
    const parked: ParkedRecord = {
      notification: item.notification,
      outcome,
      reason: reason.slice(0, 500),
      attempts: item.attempts,
      ...(item.lastError ? { lastError: item.lastError } : {}),
      at: this.now().toISOString(),
    };
    await this.kv.write(PARKED[outcome] + item.notification.key, parked);
    await this.finish(item, { status: outcome, reason, attempts: item.attempts });
  }

  /**
   * Writes the key's final record over the one the item was read with, without reading it again:
   * while the entry is pending only its sender changes it (a claim creates, `afsbot outbox retry`
   * rewrites only finished keys, prune skips pending ones).
   */
  private async finish(item: PendingItem, change: Partial<KeyRecord>): Promise<void> {
    await this.kv.write(KEYS + item.notification.key, {
      ...item.record,
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
      ...(next.token ? { token: next.token } : {}),
    });
    return next;
  }
}

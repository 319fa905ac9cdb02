import { AppError } from '../errors';
import type { KvStore } from '../storage/kv-store';
import { KEYS, KeyRecord, PARKED, PENDING, ParkedRecord, type GiveUp } from './outbox';

/** Parked notifications listed at most at once (`afsbot outbox list`). */
export const MAX_LISTED = 10_000;

/** One notification given up, as an operator sees it. */
export interface ParkedItem {
  key: string;
  outcome: GiveUp;
  conversationId: string;
  syncGroup: string | null;
  attempts: number;
  lastError: string;
  at: string;
}

const OUTCOMES: GiveUp[] = ['failed', 'dropped'];

/**
 * Notifications the sender gave up (failed after its retries, or dropped), for operators: count
 * them, list them, and queue them again. They live under `outbox/failed/` and `outbox/dropped/`
 * with their card until re-queued or pruned with their key.
 */
export class ParkedNotifications {
  constructor(
    private readonly kv: KvStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** How many are parked, by outcome (from the keys alone: cheap enough for every scrape). */
  async counts(): Promise<Record<GiveUp, number>> {
    const [failed, dropped] = await Promise.all(OUTCOMES.map((o) => this.kv.list(PARKED[o])));
    return { failed: failed.length, dropped: dropped.length };
  }

  /**
   * Every parked notification still given up, oldest first. A parked copy whose key was queued
   * again and delivered is removed here; one whose re-queue stopped halfway is still listed.
   */
  async list(limit = MAX_LISTED): Promise<ParkedItem[]> {
    const out: ParkedItem[] = [];
    for (const outcome of OUTCOMES) {
      for (const slot of await this.kv.list(PARKED[outcome])) {
        if (out.length >= limit) break;
        const key = slot.slice(PARKED[outcome].length);
        const parked = await this.read(outcome, key);
        if (!parked) continue;
        if (!(await this.stillGivenUp(key))) {
          await this.kv.delete(slot);
          continue;
        }
        const n = parked.notification;
        out.push({
          key,
          outcome,
          conversationId: n.conversationId,
          syncGroup: n.syncGroup ?? null,
          attempts: parked.attempts,
          lastError: parked.lastError ?? parked.reason,
          at: parked.at,
        });
      }
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Queues a parked notification again with a fresh attempt count. Its record turns pending
   * first, then the queue entry is written, then the parked copy goes: stopped at any point,
   * it is either queued or still listed, never neither.
   */
  async retry(key: string): Promise<void> {
    const found = await this.find(key);
    if (!found) throw new AppError('request_invalid', `no failed or dropped notification ${key}`);
    const { outcome, parked } = found;
    const stored = await this.kv.read(KEYS + key);
    const record = stored ? KeyRecord.safeParse(stored.value) : null;
    const n = parked.notification;
    const seq = String(Math.max(this.now().getTime() * 1000, 1)).padStart(16, '0');
    const next: KeyRecord = {
      ...(record?.success ? record.data : {}),
      seq,
      conversationId: n.conversationId,
      kind: n.kind,
      status: 'pending',
      enqueuedAt: this.now().toISOString(),
      ...(n.syncGroup ? { syncGroup: n.syncGroup } : {}),
    };
    delete next.finishedAt;
    delete next.reason;
    delete next.activityId;
    // Re-queued entries carry no token, and neither does their record.
    delete next.token;
    await this.kv.write(KEYS + key, next, stored ? { ifMatch: stored.etag } : { ifMatch: null });
    await this.kv.write(PENDING + seq + '/' + key, {
      notification: n,
      attempts: 0,
      nextAttemptAt: 0,
    });
    await this.kv.delete(PARKED[outcome] + key);
  }

  /** Re-queues every parked notification; returns the keys queued again. */
  async retryAll(): Promise<string[]> {
    const keys: string[] = [];
    for (const item of await this.list()) {
      await this.retry(item.key);
      keys.push(item.key);
    }
    return keys;
  }

  private async find(key: string): Promise<{ outcome: GiveUp; parked: ParkedRecord } | null> {
    for (const outcome of OUTCOMES) {
      const parked = await this.read(outcome, key);
      if (parked) return { outcome, parked };
    }
    return null;
  }

  private async read(outcome: GiveUp, key: string): Promise<ParkedRecord | null> {
    const stored = await this.kv.read(PARKED[outcome] + key);
    const parsed = stored ? ParkedRecord.safeParse(stored.value) : null;
    return parsed?.success ? parsed.data : null;
  }

  /** False when the key is delivered, or queued again with its entry in place. */
  private async stillGivenUp(key: string): Promise<boolean> {
    const stored = await this.kv.read(KEYS + key);
    const parsed = stored ? KeyRecord.safeParse(stored.value) : null;
    if (!parsed?.success) return true;
    const r = parsed.data;
    if (r.status === 'done') return false;
    if (r.status !== 'pending') return true;
    return !(await this.kv.read(PENDING + r.seq + '/' + key));
  }
}

import { isAppError } from '../errors';
import type { KvStore } from '../storage/kv-store';
import { GAPS_PREFIX, GapRecord, type KeyedGap } from './record';

/** Tries of a read-modify-write before a conflicting writer wins. */
const MAX_TRIES = 5;
/** Default cap on the records kept (and read): the store stays small however many people ask. */
export const DEFAULT_MAX_RECORDS = 2000;
/** Records read at once when listing. */
const READ_BATCH = 16;

/**
 * Gap records in the shared key/value store (SQLite or Azure Blob), one key per scrubbed
 * question under `gaps/`. Updates are read-modify-write with eTags, so two instances counting
 * the same question never lose a count.
 */
export class GapStore {
  /** Records known to exist, learnt from a listing; null until the first is needed. */
  private known: number | null = null;
  private counting: Promise<number> | null = null;

  constructor(
    private readonly kv: KvStore,
    readonly maxRecords = DEFAULT_MAX_RECORDS,
  ) {}

  /**
   * Applies `change` to the record with this id (null when there is none, or when the stored
   * one is unreadable). Returns false when a new record was refused because the store is full.
   */
  async update(id: string, change: (r: GapRecord | null) => GapRecord): Promise<boolean> {
    const key = GAPS_PREFIX + id;
    for (let attempt = 1; ; attempt++) {
      const stored = await this.kv.read(key);
      const parsed = stored ? GapRecord.safeParse(stored.value) : null;
      const current = parsed?.success ? parsed.data : null;
      const next = GapRecord.parse(change(current));
      if (!stored && !(await this.reserve())) return false;
      try {
        await this.kv.write(key, next, { ifMatch: stored ? stored.etag : null });
        return true;
      } catch (err) {
        if (!stored && this.known !== null) this.known--;
        if (!isAppError(err, 'storage_conflict') || attempt >= MAX_TRIES) throw err;
      }
    }
  }

  /** Takes a place for a new record; false when the store is full. */
  private async reserve(): Promise<boolean> {
    if (this.known === null) {
      // One listing however many new questions arrive at once.
      this.counting ??= this.kv.list(GAPS_PREFIX).then((keys) => keys.length);
      const n = await this.counting;
      if (this.known === null) this.known = n;
    }
    if (this.known >= this.maxRecords) return false;
    this.known++;
    return true;
  }

  /** Every readable record, at most maxRecords; unreadable ones are counted in `skipped`. */
  async list(): Promise<{ records: KeyedGap[]; skipped: number }> {
    const keys = (await this.kv.list(GAPS_PREFIX)).slice(0, this.maxRecords);
    this.known = keys.length;
    const records: KeyedGap[] = [];
    let skipped = 0;
    // A few reads at a time: a Blob store answers each in a round trip.
    for (let i = 0; i < keys.length; i += READ_BATCH) {
      const batch = keys.slice(i, i + READ_BATCH);
      const read = await Promise.all(batch.map((key) => this.kv.read(key)));
      read.forEach((stored, k) => {
        const parsed = stored ? GapRecord.safeParse(stored.value) : null;
        if (parsed?.success)
          records.push({ ...parsed.data, key: batch[k].slice(GAPS_PREFIX.length) });
        else if (stored) skipped++;
      });
    }
    return { records, skipped };
  }

  /** Deletes the records last seen before `before` (and unreadable ones); returns how many. */
  async prune(before: Date): Promise<number> {
    const keys = await this.kv.list(GAPS_PREFIX);
    let removed = 0;
    for (const key of keys) {
      const stored = await this.kv.read(key);
      if (!stored) continue;
      const parsed = GapRecord.safeParse(stored.value);
      if (parsed.success && Date.parse(parsed.data.lastSeen) >= before.getTime()) continue;
      try {
        if (await this.kv.delete(key, { ifMatch: stored.etag })) removed++;
      } catch (err) {
        // Seen again while pruning: the new count keeps it.
        if (!isAppError(err, 'storage_conflict')) throw err;
      }
    }
    this.known = keys.length - removed;
    return removed;
  }
}

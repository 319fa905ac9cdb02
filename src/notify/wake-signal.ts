import type { Logger } from '../log';
import type { KvStore } from '../storage/kv-store';

/** The one small record instances touch to say "something was queued". */
export const WAKE_KEY = 'signals/outbox';

/**
 * How an instance that does not send tells the one that does that it queued something: it
 * rewrites one small record, and the sender, while idle, reads it every second or so and drains
 * when it changed. Without it an alert accepted by a follower waits for the sender's idle
 * re-read of the whole queue.
 */
export class WakeSignal {
  /** The record's eTag when last read (undefined: never read, null: absent). */
  private seen: string | null | undefined = undefined;
  private raising: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly kv: KvStore,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Says something was queued. Raises made while one is being written become one more write. */
  raise(): void {
    if (this.raising) {
      this.again = true;
      return;
    }
    this.raising = this.write()
      .catch((err: unknown) =>
        // The leader still finds it at its idle re-read of the queue: late, not lost.
        this.log.warn({ err }, 'could not signal the sending instance; it sees the queue later'),
      )
      .finally(() => (this.raising = null));
  }

  private async write(): Promise<void> {
    do {
      this.again = false;
      await this.kv.write(WAKE_KEY, { at: this.now().toISOString() });
    } while (this.again);
  }

  /** True when the record changed since the last call (and on the first call: nothing seen yet). */
  async changed(): Promise<boolean> {
    const etag = (await this.kv.read(WAKE_KEY))?.etag ?? null;
    const changed = etag !== this.seen;
    this.seen = etag;
    return changed;
  }
}

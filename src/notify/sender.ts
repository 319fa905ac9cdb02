import type { PendingItem } from './outbox';
import { PassBackoff } from './pass-backoff';
import { pickDue } from './pick-due';
import { RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY, describe, verdict } from './send-policy';
import { FOLLOWER_RECHECK_MS, type DrainReport, type SenderDeps } from './sender-deps';

export { FOLLOWER_RECHECK_MS, type DrainReport, type SenderDeps } from './sender-deps';

/**
 * Drains the outbox into Teams, one send at a time: each conversation in FIFO order (an update
 * never overtakes its send), within Teams' limits (a RateLimiter), retrying what Teams asks to
 * retry, dropping conversations the bot was removed from. A notification is marked done under
 * its key as soon as its send succeeds; with one send at a time, every earlier send is already
 * marked when the next request leaves.
 *
 * NOTE: Teams has no idempotent send. A crash after Teams accepted a message and before the done
 * mark is written sends that one message again on restart; nothing else can be repeated.
 */
export class Sender {
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  private items: PendingItem[] = [];
  private stale = true;
  private loop: Promise<void> | null = null;
  private running = false;
  private wakeUp: (() => void) | null = null;
  /** What the last leadership check said (null: none answered yet). */
  private leads: boolean | null = null;
  private readonly backoff: PassBackoff;

  constructor(private readonly deps: SenderDeps) {
    this.limiter = deps.limiter ?? new RateLimiter();
    this.now = deps.now ?? Date.now;
    this.backoff = new PassBackoff(deps.log, 'notification sender', deps.errorPauseMs, deps.random);
    deps.outbox.onEnqueued(() => this.wake());
  }

  /** Starts draining in the background; what is already queued goes out at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stale = true;
    this.loop = this.run();
  }

  /** Drains as soon as possible: something was just queued. */
  wake(): void {
    this.stale = true;
    // Unless this instance is known to lead, the one that does is told (one small write).
    if (this.deps.signal && this.leads !== true) this.deps.signal.raise();
    // A follower looks again too: the holder may be gone.
    this.wakeUp?.();
  }

  /** Stops after the send in flight (waiting at most `stopTimeoutMs`). */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    if (!this.loop) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.deps.stopTimeoutMs ?? 10_000);
    });
    await Promise.race([this.loop, timeout]);
    clearTimeout(timer);
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let wait: number;
      try {
        if (!(await this.leading())) {
          this.stale = true;
          this.backoff.passed();
          await this.sleep(this.deps.followerRecheckMs ?? FOLLOWER_RECHECK_MS);
          continue;
        }
        const { nextAt } = await this.drainOnce(() => this.running);
        this.backoff.passed();
        wait = nextAt === null ? Infinity : nextAt - this.now();
      } catch (err) {
        // One bad pass (the store unreachable) must not end the process or the loop; and the
        // pause always happens, whatever the pass left stale.
        this.stale = true;
        await this.sleep(this.backoff.failed(err));
        continue;
      }
      if (!this.running) break;
      if (this.stale && wait > 0) continue;
      await this.idle(Math.min(wait, this.deps.idleMs ?? 30_000));
      // Idle timeouts re-read the queue: another process may have added to it.
      if (wait > (this.deps.idleMs ?? 30_000)) this.stale = true;
    }
  }

  /** Asks the leadership (when there is one); remembers the answer for `wake`. */
  private async leading(): Promise<boolean> {
    const leads = this.deps.isLeader ? await this.deps.isLeader() : true;
    this.leads = leads;
    return leads;
  }

  /**
   * Idles up to `ms`, looking at the wake signal every `signalPollMs` when there is one. A
   * signal that cannot be read changes nothing: the idle re-read still comes.
   */
  private async idle(ms: number): Promise<void> {
    const signal = this.deps.signal;
    if (!signal) return this.sleep(ms);
    const end = Date.now() + ms;
    while (this.running && !this.stale) {
      const left = end - Date.now();
      if (left <= 0) return;
      await this.sleep(Math.min(left, this.deps.signalPollMs ?? 1000));
      if (!this.running || this.stale) return;
      try {
        if (await signal.changed()) this.stale = true;
      } catch (err) {
        this.deps.log.debug({ err }, 'wake signal not readable');
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      // A sender waiting for work must not keep the process alive on its own.
      timer.unref();
      this.wakeUp = done;
    });
  }

  /**
   * Sends every notification that is due now, one at a time, and says when the next one is.
   * `go` is checked between sends so that stop does not wait for a whole pass.
   */
  async drainOnce(go: () => boolean = () => true): Promise<DrainReport> {
    if (this.stale) {
      this.stale = false;
      this.items = await this.deps.outbox.pending(this.deps.batch ?? 1000);
      this.limiter.sweep(this.now());
    }
    let delivered = 0;
    for (;;) {
      if (!go()) return { delivered, nextAt: this.now() };
      const { item, nextAt } = pickDue(this.items, this.limiter, this.now());
      if (!item) {
        // Used up a batch that was full: more may wait beyond it.
        if (this.items.length === 0 && !this.stale) this.stale = await this.morePending();
        return { delivered, nextAt: this.stale ? this.now() : nextAt };
      }
      // The fence: a deposed leader (its lease unconfirmed for too long) sends nothing more.
      if (!(await this.leading())) {
        this.stale = true;
        return { delivered, nextAt: this.now() };
      }
      if (await this.deliver(item)) delivered++;
    }
  }

  private async morePending(): Promise<boolean> {
    return (await this.deps.outbox.pendingCount()) > 0;
  }

  /** One attempt at one notification; true when it was delivered. Never throws for Teams. */
  private async deliver(item: PendingItem): Promise<boolean> {
    const n = item.notification;
    const message = { key: n.key, card: n.card, summary: n.summary };
    let activityId: string;
    try {
      const replaced = await this.deps.outbox.replacement(item);
      try {
        if (replaced) {
          await this.deps.transport.update(n.conversationId, replaced, message);
          activityId = replaced;
        } else {
          activityId = (await this.deps.transport.send(n.conversationId, message)).activityId;
        }
      } finally {
        // Counted when the answer arrives (see RateLimiter); throttled attempts count too.
        this.limiter.record(n.conversationId, this.now());
      }
    } catch (err) {
      await this.failed(item, err);
      return false;
    }
    await this.markDone(item, activityId);
    this.forget(item);
    this.deps.metrics?.notifications.inc({ result: 'delivered' });
    return true;
  }

  /** The done mark is what prevents a second send: one more try if the store hiccups. */
  private async markDone(item: PendingItem, activityId: string): Promise<void> {
    try {
      await this.deps.outbox.markDone(item, activityId);
    } catch (err) {
      this.deps.log.warn({ err, key: item.notification.key }, 'done mark failed; trying again');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await this.deps.outbox.markDone(item, activityId);
    }
  }

  private async failed(item: PendingItem, err: unknown): Promise<void> {
    const n = item.notification;
    const v = verdict(err, item.attempts + 1, this.deps.retry ?? DEFAULT_RETRY, this.deps.random);
    const log = this.deps.log.child({ key: n.key, conversationId: n.conversationId });
    switch (v.action) {
      case 'retry': {
        const next = await this.deps.outbox.retryLater(item, describe(err), this.now() + v.afterMs);
        this.items[this.items.indexOf(item)] = next;
        this.deps.metrics?.notifications.inc({ result: 'retry' });
        log.warn(
          { attempts: next.attempts, retryInMs: v.afterMs, err: describe(err) },
          'send failed; will retry',
        );
        return;
      }
      case 'fail':
        // Parked with its card (outbox/failed/): `afsbot outbox list` shows it, `retry` re-queues it.
        await this.deps.outbox.giveUp(
          { ...item, attempts: item.attempts + 1, lastError: describe(err).slice(0, 500) },
          'failed',
          v.reason,
        );
        this.forget(item);
        this.deps.metrics?.notifications.inc({ result: 'failed' });
        log.error(
          { reason: v.reason, attempts: item.attempts + 1 },
          'notification not delivered: parked as failed (afsbot outbox list / retry)',
        );
        return;
      case 'drop':
        await this.dropItem(item, v.reason);
        log.warn(
          { reason: v.reason },
          'notification dropped: parked as dropped (afsbot outbox list)',
        );
        return;
      case 'drop-conversation':
        await this.dropConversation(item, v.reason);
        return;
    }
  }

  /** The bot left (or was blocked in) the conversation: stop every send to it, forget it. */
  private async dropConversation(item: PendingItem, reason: string): Promise<void> {
    const c = item.notification.conversationId;
    for (const other of this.items.filter((i) => i.notification.conversationId === c))
      await this.dropItem(other, reason);
    // Queued ones beyond the batch find no reference and are dropped when reached.
    await this.deps.refs.remove(c);
    const subscriptions = await this.deps.subscriptions.removeConversation(c);
    this.deps.log.warn(
      { conversationId: c, reason, subscriptions },
      'bot is no longer in the conversation: its pending notifications, reference and subscriptions are removed until it is added back',
    );
  }

  private async dropItem(item: PendingItem, reason: string): Promise<void> {
    await this.deps.outbox.giveUp(item, 'dropped', reason);
    this.forget(item);
    this.deps.metrics?.notifications.inc({ result: 'dropped' });
  }

  private forget(item: PendingItem): void {
    const i = this.items.indexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }
}

import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { ConversationRefs } from '../storage/conversation-refs';
import type { Outbox } from './outbox';
import type { BackoffLimits } from './pass-backoff';
import type { RateLimiter } from './rate-limiter';
import type { RetryPolicy } from './send-policy';
import type { Subscriptions } from './subscriptions';
import type { ProactiveTransport } from './transport';
import type { WakeSignal } from './wake-signal';

/** What the sender needs, injected. */
export interface SenderDeps {
  outbox: Outbox;
  transport: ProactiveTransport;
  refs: ConversationRefs;
  subscriptions: Subscriptions;
  log: Logger;
  metrics?: Metrics;
  /** Epoch milliseconds; tests pass a fake clock and call `drainOnce`. */
  now?: () => number;
  random?: () => number;
  retry?: RetryPolicy;
  limiter?: RateLimiter;
  /** Notifications held in memory at a time (read again when used up or woken). */
  batch?: number;
  /** How long `stop` waits for the send in flight. */
  stopTimeoutMs?: number;
  /** Longest sleep between passes: picks up what another process queued without waking. */
  idleMs?: number;
  /**
   * Only the elected instance sends when several share one store (a Blob lease); the others
   * ask again every FOLLOWER_RECHECK_MS and take over when the holder is gone.
   */
  isLeader?: () => Promise<boolean>;
  /** How often a follower asks again (FOLLOWER_RECHECK_MS; the leadership says). */
  followerRecheckMs?: number;
  /**
   * Shared between instances: a follower that queues something raises it, and the leader,
   * idle, looks at it every `signalPollMs` so it need not wait for its idle re-read.
   */
  signal?: WakeSignal;
  signalPollMs?: number;
  /** First and longest pause after failed passes (backoff with jitter in between). */
  errorPauseMs?: BackoffLimits;
}

/** How often an instance that does not lead asks again whether it does. */
export const FOLLOWER_RECHECK_MS = 10_000;

/** What one pass did, and when the next notification becomes due (null: none pending). */
export interface DrainReport {
  delivered: number;
  nextAt: number | null;
}

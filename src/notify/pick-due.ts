import type { PendingItem } from './outbox';
import type { RateLimiter } from './rate-limiter';

/**
 * The oldest notification of `items` (FIFO) that may go at `now`, or when the next one may. A
 * conversation whose oldest notification must wait (backoff, or its limit) blocks its later
 * ones: that is what keeps its order.
 */
export function pickDue(
  items: readonly PendingItem[],
  limiter: RateLimiter,
  now: number,
): { item: PendingItem | null; nextAt: number | null } {
  const blocked = new Set<string>();
  let nextAt: number | null = null;
  // The app-wide limit holds every conversation alike.
  const appDelay = limiter.appDelay(now);
  if (appDelay > 0) return { item: null, nextAt: items.length ? now + appDelay : null };
  for (const item of items) {
    const c = item.notification.conversationId;
    if (blocked.has(c)) continue;
    const due = Math.max(item.nextAttemptAt, now + limiter.delayFor(c, now), now);
    if (due <= now) return { item, nextAt: null };
    blocked.add(c);
    nextAt = nextAt === null ? due : Math.min(nextAt, due);
  }
  return { item: null, nextAt };
}

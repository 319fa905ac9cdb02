import type { Clock } from './clock';
import { HealthError } from './health-error';

/** How often and how patiently a failed request is tried again. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before the second attempt; doubled for each one after. */
  baseDelayMs: number;
  /** Longest backoff (Retry-After may ask for longer; the deadline still bounds it). */
  maxDelayMs: number;
}

/** What a retry loop runs against. */
export interface RetryContext {
  clock: Clock;
  /** Absolute time (clock.now()) after which no attempt starts. */
  deadlineAt: number;
  signal: AbortSignal;
  /** 0 ≤ x < 1; injected so tests get exact delays. */
  random: () => number;
}

/**
 * Backoff before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half
 * random), so many pollers failing together do not retry in step.
 */
export function backoffMs(attempt: number, o: RetryOptions, random: () => number): number {
  const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}

/**
 * Runs `op` until it succeeds, fails with an error that is not retryable, runs out of
 * attempts, or the next wait would pass the deadline (then the last error is thrown at once:
 * sleeping into a timeout helps no one). Honours Retry-After as a minimum wait.
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  o: RetryOptions,
  ctx: RetryContext,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (ctx.signal.aborted || !(err instanceof HealthError) || !err.retryable) throw err;
      if (attempt >= o.attempts) throw err;
      const wait = Math.max(err.retryAfterMs ?? 0, backoffMs(attempt, o, ctx.random));
      if (ctx.clock.now() + wait >= ctx.deadlineAt) throw err;
      await ctx.clock.sleep(wait, ctx.signal);
    }
  }
}

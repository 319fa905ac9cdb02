import type { CircuitBreaker } from './circuit-breaker';
import type { Clock } from './clock';
import { HealthError } from './health-error';
import { withRetry, type RetryOptions } from './retry';

/** Deadline and retries of one request to a health API. */
export interface CallPolicy extends RetryOptions {
  /** The whole request, retries and waits included, ends by then. */
  timeoutMs: number;
}

/** 3 s a request, 3 attempts, 250 ms then 500 ms backoff (more if the API says Retry-After). */
export const DEFAULT_CALL_POLICY: CallPolicy = {
  timeoutMs: 3000,
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 2000,
};

/** What guarded calls share: one breaker per API, the clock, the jitter source. */
export interface CallContext {
  policy: CallPolicy;
  breaker: CircuitBreaker;
  clock: Clock;
  random: () => number;
}

function asHealthError(err: unknown, what: string, timedOut: boolean, timeoutMs: number) {
  if (timedOut)
    return new HealthError(
      'health_api_timeout',
      `the health API did not answer for ${what} within ${timeoutMs / 1000} s`,
    );
  if (err instanceof HealthError) return err;
  // Anything else is a transport failure (connection refused or reset, DNS, TLS).
  const reason = err instanceof Error ? err.message : String(err);
  return new HealthError('health_api_unavailable', `cannot reach the health API (${reason})`);
}

/**
 * Runs one request (`op`, given a signal that aborts at the deadline) behind the breaker, with
 * retries. Throws HealthError; when the caller's own signal aborts, its reason instead. A 404
 * counts as a working API for the breaker; timeouts, 429, 5xx and bad payloads count as failures.
 */
export async function guardedCall<T>(
  what: string,
  op: (signal: AbortSignal) => Promise<T>,
  ctx: CallContext,
  callerSignal?: AbortSignal,
): Promise<T> {
  callerSignal?.throwIfAborted();
  ctx.breaker.enter();
  const { policy, clock } = ctx;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), policy.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal;
  try {
    const deadlineAt = clock.now() + policy.timeoutMs;
    const out = await withRetry(() => op(signal), policy, {
      clock,
      deadlineAt,
      signal,
      random: ctx.random,
    });
    ctx.breaker.success();
    return out;
  } catch (err) {
    if (callerSignal?.aborted) {
      ctx.breaker.release();
      throw callerSignal.reason;
    }
    const e = asHealthError(err, what, deadline.signal.aborted, policy.timeoutMs);
    if (e.code === 'health_not_found') ctx.breaker.success();
    else ctx.breaker.failure();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

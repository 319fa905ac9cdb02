import { NO_REFERENCE, TransportError } from './transport';

/** What to do with a notification whose send failed. */
export type Verdict =
  | { action: 'retry'; afterMs: number }
  | { action: 'fail'; reason: string }
  /** Stop sending to the conversation at all: the bot is not in it, or it blocked the bot. */
  | { action: 'drop-conversation'; reason: string }
  /** Nothing to send with: this notification is dropped, the conversation is already gone. */
  | { action: 'drop'; reason: string };

/** Retry settings: attempts in all (the first send included) and the backoff range. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** Eight attempts spread over about four minutes, then the notification is marked failed. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 1000, maxMs: 60_000 };

/**
 * Statuses Teams asks bots to retry (412, 429, 502, 504), plus every other 5xx (a 500 from
 * the connector is as transient as a 502) and 408. Anything else is the request's own fault.
 */
const retryableStatus = (status: number) =>
  status === 408 || status === 412 || status === 429 || (status >= 500 && status <= 599);
/** 403 codes that mean the bot can no longer post there until it is added back. */
const GONE = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser']);

/** Describes a failure for logs and the outbox record: status, code and message. */
export function describe(err: unknown): string {
  if (err instanceof TransportError)
    return [err.status ?? 'network', err.serviceCode, err.message].filter(Boolean).join(' ');
  return err instanceof Error ? err.message : String(err);
}

/**
 * Decides on a failed attempt (`attempts` made so far, this one included). Backoff is
 * exponential with jitter (half to all of the step) so that conversations throttled together
 * do not retry together; Retry-After, when given, is the floor.
 */
export function verdict(
  err: unknown,
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
): Verdict {
  const reason = describe(err);
  const status = err instanceof TransportError ? err.status : undefined;
  const code = err instanceof TransportError ? err.serviceCode : undefined;
  if (code === NO_REFERENCE) return { action: 'drop', reason };
  if (status === 403 && code && GONE.has(code)) return { action: 'drop-conversation', reason };
  // No status: the request never got an answer (refused, reset, timed out): worth retrying.
  const retryable = status === undefined || retryableStatus(status);
  if (!retryable) return { action: 'fail', reason };
  if (attempts >= policy.maxAttempts)
    return { action: 'fail', reason: `gave up after ${attempts} attempts: ${reason}` };
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1));
  const jittered = Math.round(step * (0.5 + random() / 2));
  const retryAfter = err instanceof TransportError ? (err.retryAfterMs ?? 0) : 0;
  return { action: 'retry', afterMs: Math.max(jittered, retryAfter) };
}

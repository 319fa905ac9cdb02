import { AppError, type ErrorCode } from '../errors';

/** The `health_*` codes a provider fails with. */
export type HealthErrorCode = Extract<ErrorCode, `health_${string}`>;

/**
 * A failed health read. `retryable` marks what another attempt may fix (429, 5xx, a network
 * error); `retryAfterMs` is the server's Retry-After, when it sent one.
 */
export class HealthError extends AppError<HealthErrorCode> {
  constructor(
    code: HealthErrorCode,
    message: string,
    readonly retryable = false,
    readonly retryAfterMs: number | null = null,
  ) {
    super(code, message);
    this.name = 'HealthError';
  }
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The error for an HTTP status the API answered with (the caller handles 2xx). */
export function statusError(
  status: number,
  what: string,
  retryAfter: string | null | undefined,
  now: number,
): HealthError {
  if (status === 404)
    return new HealthError(
      'health_not_found',
      `${what} was not found (404): check the resource group, Storage Sync Service and sync group names, and the subscription`,
    );
  if (status === 401 || status === 403)
    return new HealthError(
      'health_api_unavailable',
      `the health API refused access to ${what} (${status}): give the bot's identity Reader on the Storage Sync Service, or check HEALTH_API_TOKEN`,
    );
  const retryable = status === 408 || status === 429 || status >= 500;
  return new HealthError(
    'health_api_unavailable',
    `the health API answered ${status} for ${what}`,
    retryable,
    retryable ? parseRetryAfter(retryAfter, now) : null,
  );
}

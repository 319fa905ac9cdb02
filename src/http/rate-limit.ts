import type restify from 'restify';
import type { Metrics } from '../metrics';

/** Addresses remembered at once; the least recently seen is forgotten first. */
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per client address: `perMinute` requests a minute, in bursts of up to
 * `perMinute`. Memory is bounded (MAX_CLIENTS addresses), and time comes from `now` so a
 * test can move it.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from `client`'s bucket: 0 when allowed, else seconds until it would be. */
  take(client: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const kept = this.buckets.get(client);
    let tokens = this.perMinute;
    if (kept) {
      tokens = Math.min(this.perMinute, kept.tokens + (now - kept.at) * rate);
      this.buckets.delete(client);
    } else if (this.buckets.size >= MAX_CLIENTS) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    if (tokens >= 1) {
      this.buckets.set(client, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(client, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
  }

  /** Addresses currently remembered. */
  get size(): number {
    return this.buckets.size;
  }
}

/**
 * Refuses a client over its budget with 429 and Retry-After (seconds). The address is the
 * socket's peer: a forwarded-for header is the caller's to write, so it is not trusted.
 */
export function rateLimit(limiter: RateLimiter | null, metrics: Metrics): restify.RequestHandler {
  return (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (!limiter) return next();
    const wait = limiter.take(req.socket?.remoteAddress ?? 'unknown');
    if (wait === 0) return next();
    metrics.refused.inc({ reason: 'rate_limited' });
    res.setHeader('Retry-After', String(wait));
    res.send(429, {
      error: 'rate_limited',
      message: `too many requests from this address; try again in ${wait} s`,
    });
    return next(false);
  };
}

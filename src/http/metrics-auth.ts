import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Whether a request may read `/metrics`. Open when the bot runs unauthenticated on loopback
 * (no app id); with an app id it needs `Authorization: Bearer <METRICS_TOKEN>`, and without a
 * METRICS_TOKEN nobody may read it. Compared in constant time over digests of equal length.
 */
export function metricsAccess(
  authorization: string | undefined,
  appId: string | null,
  token: string | null,
): 'open' | 'allowed' | 'unauthorized' | 'not_configured' {
  if (!appId) return 'open';
  if (!token) return 'not_configured';
  const m = /^Bearer ([^\s]{1,512})$/.exec(authorization ?? '');
  if (!m) return 'unauthorized';
  return timingSafeEqual(digest(m[1]), digest(token)) ? 'allowed' : 'unauthorized';
}

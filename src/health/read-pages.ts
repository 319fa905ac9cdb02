import type { SyncGroupTarget } from './sync-group-target';
import { guardedCall, type CallContext } from './guarded-call';
import { HealthError } from './health-error';
import { normaliseEndpoint } from './normalise';
import { parsePage } from './parse-page';
import type { EndpointHealth, SyncGroupHealth } from './types';

/** Most pages one read follows: 1,000 pages of 100 is far past any real sync group. */
export const MAX_PAGES = 1000;

/** Where pages come from: the first by target, the rest by the `nextLink` the API gave. */
export interface PageSource {
  /** Response text of the first page. */
  first(target: SyncGroupTarget, signal: AbortSignal): Promise<string>;
  /** Response text of a later page. */
  next(url: string, signal: AbortSignal): Promise<string>;
  /** The only origin (scheme, host, port) a nextLink may point to: the token goes with it. */
  origin: string;
}

/** A nextLink, checked: same origin as the API (else the bearer token would leak elsewhere). */
export function checkNextLink(link: string, origin: string, seen: Set<string>): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new HealthError('health_api_invalid', `the health API sent a nextLink that is not a URL`);
  }
  if (url.origin !== origin)
    throw new HealthError(
      'health_api_invalid',
      `the health API sent a nextLink to ${url.origin}, not ${origin}; it is not followed`,
    );
  if (seen.has(url.href))
    throw new HealthError('health_api_invalid', 'the health API sent the same nextLink twice');
  seen.add(url.href);
  return url.href;
}

/**
 * Every server endpoint of a sync group, following nextLink up to MAX_PAGES. Each page is one
 * guarded request (deadline, retries, breaker) and is validated before it is used.
 */
export async function readPages(
  source: PageSource,
  target: SyncGroupTarget,
  ctx: CallContext,
  signal?: AbortSignal,
  maxPages = MAX_PAGES,
): Promise<SyncGroupHealth> {
  const what = `sync group ${target.resourceGroup}/${target.service}/${target.group}`;
  const endpoints: EndpointHealth[] = [];
  const seen = new Set<string>();
  let link: string | null = null;
  for (let page = 1; ; page++) {
    const url = link;
    const body = await guardedCall(
      what,
      async (s) => parsePage(url ? await source.next(url, s) : await source.first(target, s), what),
      ctx,
      signal,
    );
    for (const r of body.value) endpoints.push(normaliseEndpoint(r));
    if (!body.nextLink) break;
    if (page >= maxPages)
      throw new HealthError(
        'health_api_invalid',
        `the health API kept sending pages for ${what}: stopped after ${maxPages}`,
      );
    link = checkNextLink(body.nextLink, source.origin, seen);
  }
  return { target, endpoints, fetchedAt: new Date(ctx.clock.now()).toISOString() };
}

import type { SyncGroupTarget } from './sync-group-target';
import type { CallContext } from './guarded-call';
import { HealthError, statusError } from './health-error';
import { readPages, type PageSource } from './read-pages';
import type { HealthProvider } from './types';

/** What the `http` provider needs. */
export interface HttpProviderOptions {
  /** HEALTH_API_URL: a base URL, or a template with {resourceGroup}, {service} and {group}. */
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token: string | null;
  call: CallContext;
}

const PLACEHOLDER = /\{(resourceGroup|service|group)\}/g;
const HAS_PLACEHOLDER = /\{(resourceGroup|service|group)\}/;

/**
 * The URL of a sync group's server-endpoint list: the template filled in, or the ARM-style path
 * appended to the base URL. Names are percent-encoded (they come from the person asking).
 */
export function syncGroupUrl(base: string, t: SyncGroupTarget): string {
  if (HAS_PLACEHOLDER.test(base))
    return base.replace(PLACEHOLDER, (_, k: keyof SyncGroupTarget) => encodeURIComponent(t[k]));
  const u = new URL(base);
  const e = encodeURIComponent;
  u.pathname =
    u.pathname.replace(/\/+$/, '') +
    `/resourceGroups/${e(t.resourceGroup)}/providers/Microsoft.StorageSync/storageSyncServices/${e(t.service)}/syncGroups/${e(t.group)}/serverEndpoints`;
  return u.href;
}

/**
 * Live health from any JSON endpoint that answers in the ARM server-endpoint list shape
 * (`{ value: [...], nextLink? }`), e.g. a company's own monitoring gateway.
 */
export function createHttpProvider(o: HttpProviderOptions): HealthProvider {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  const get = async (url: string, what: string, signal: AbortSignal) => {
    // NOTE: a redirect could carry the token to another host; treat one as an error instead.
    let res: Response;
    try {
      res = await fetch(url, { headers, signal, redirect: 'error' });
    } catch (err) {
      if (signal.aborted) throw err;
      // fetch puts the reason (refused, reset, DNS) in `cause`.
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new HealthError(
        'health_api_unavailable',
        `cannot reach the health API (${cause?.code ?? cause?.message ?? (err as Error).message})`,
        true,
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw statusError(res.status, what, res.headers.get('retry-after'), Date.now());
    }
    return res.text();
  };
  const source: PageSource = {
    origin: new URL(o.url.replace(PLACEHOLDER, 'x')).origin,
    first: (t, signal) =>
      get(syncGroupUrl(o.url, t), `sync group ${t.resourceGroup}/${t.service}/${t.group}`, signal),
    next: (url, signal) => get(url, 'the next page of server endpoints', signal),
  };
  return {
    kind: 'http',
    syncGroup: (target, signal) => readPages(source, target, o.call, signal),
  };
}

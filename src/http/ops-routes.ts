import type restify from 'restify';
import type { Logger } from '../log';
import type { Matcher } from '../matching/ask';
import type { Metrics } from '../metrics';
import { metricsAccess } from './metrics-auth';

/** What `/healthz` and `/metrics` need. */
export interface OpsDeps {
  appId: string | null;
  matcher: Matcher;
  metrics: Metrics;
  log: Logger;
  /** Rejects when the store cannot be read. */
  storagePing(): Promise<void>;
  /** Bearer token for /metrics, required whenever `appId` is set (null: /metrics is closed then). */
  metricsToken?: string | null;
}

/**
 * What a failing store is doing, in one of a few fixed words an operator can act on: its own
 * message names files and hosts, and stays in the log.
 */
function storageState(err: unknown): 'locked' | 'readonly' | 'unavailable' {
  const text = `${(err as { code?: unknown })?.code ?? ''} ${(err as Error)?.message ?? ''}`;
  if (/SQLITE_BUSY|SQLITE_LOCKED|\blocked\b/i.test(text)) return 'locked';
  if (/SQLITE_READONLY|readonly|read-only/i.test(text)) return 'readonly';
  return 'unavailable';
}

/** The operator's routes: `GET /healthz` (knowledge and store) and `GET /metrics` (Prometheus). */
export function opsRoutes(server: restify.Server, deps: OpsDeps): void {
  const { matcher, metrics, log } = deps;
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const knowledge = {
      entries: matcher.index.entries.length,
      articles: matcher.index.articles.length,
    };
    try {
      await deps.storagePing();
      res.send(200, { status: 'ok', knowledge, storage: 'ok' });
    } catch (err) {
      // The store's own message (paths, hosts) goes to the log, not to whoever probes.
      log.error({ err }, 'health check: store unreachable');
      res.send(503, { status: 'degraded', knowledge, storage: storageState(err) });
    }
  });

  server.get('/metrics', async (req: restify.Request, res: restify.Response) => {
    const access = metricsAccess(req.headers.authorization, deps.appId, deps.metricsToken ?? null);
    if (access === 'not_configured') {
      res.send(404, {
        error: 'not_configured',
        message: 'metrics are off: set METRICS_TOKEN and send it as Authorization: Bearer <token>',
      });
      return;
    }
    if (access === 'unauthorized') {
      metrics.refused.inc({ reason: 'unauthorized' });
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.send(401, {
        error: 'unauthorized',
        message: 'send Authorization: Bearer <METRICS_TOKEN>',
      });
      return;
    }
    const text = await metrics.text();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.sendRaw(200, text);
  });
}

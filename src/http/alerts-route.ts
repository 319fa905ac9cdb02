import type restify from 'restify';
import type { Metrics } from '../metrics';
import { secretMatches, type AlertInbox } from '../notify/alert-inbox';
import { CommonAlert } from '../notify/alert-schema';
import type { BodyParser } from './body';
import { whereWrong } from './where-wrong';

/** Largest Azure Monitor alert accepted. */
export const MAX_ALERT_BYTES = 256 * 1024;

/** What `/api/alerts` needs: where alerts are kept, the shared secret, and who to notify. */
export interface AlertsDeps {
  inbox: AlertInbox;
  secret: string | null;
  now(): Date;
  /** Queues the alert's notifications for subscribed conversations (idempotent per alert). */
  notify?(alert: CommonAlert, at: Date): Promise<number>;
}

/**
 * `POST /api/alerts?code=SECRET`: Azure Monitor action groups cannot set headers, so the secret
 * comes as ?code=. Nothing is read from a post before it is authenticated and within size.
 */
export function alertsRoute(
  server: restify.Server,
  alerts: AlertsDeps,
  metrics: Metrics,
  body: BodyParser,
): void {
  server.post(
    '/api/alerts',
    (req: restify.Request, res: restify.Response, next: restify.Next) => {
      const secret = alerts.secret;
      if (!secret) {
        res.send(404, {
          error: 'not_configured',
          message: 'alerts are off: set ALERT_WEBHOOK_SECRET and post to /api/alerts?code=<secret>',
        });
        return next(false);
      }
      if (!secretMatches((req.query as Record<string, unknown> | undefined)?.code, secret)) {
        metrics.refused.inc({ reason: 'unauthorized' });
        res.send(401, { error: 'unauthorized', message: 'missing or wrong ?code=' });
        return next(false);
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > MAX_ALERT_BYTES) {
        metrics.refused.inc({ reason: 'too_large' });
        res.send(413, {
          error: 'too_large',
          message: `alert bodies are limited to ${MAX_ALERT_BYTES} bytes`,
        });
        return next(false);
      }
      return next();
    },
    body(MAX_ALERT_BYTES),
    async (req: restify.Request, res: restify.Response) => {
      const parsed = CommonAlert.safeParse(req.body);
      if (!parsed.success) {
        metrics.refused.inc({ reason: 'invalid' });
        res.send(400, {
          error: 'request_invalid',
          message: `not an Azure Monitor alert in the common alert schema (${whereWrong(parsed.error)})`,
        });
        return;
      }
      const at = alerts.now();
      // Notifications are queued before the alert is acknowledged: a crash in between makes
      // Azure Monitor post again, and the queue keeps one notification per alert and chat.
      await alerts.notify?.(parsed.data, at);
      const fresh = await alerts.inbox.accept(parsed.data, at);
      res.send(202, { accepted: true, duplicate: !fresh });
    },
  );
}

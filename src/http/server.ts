import restify from 'restify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { COMMANDS_WORK_IN, commandNamed, commandRows, type BotEndpoint } from '../bot';
import type { Answers } from '../answers';
import { helpCard } from '../cards';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { projectRoot } from '../project-root';
import { secretMatches, type AlertInbox } from '../notify/alert-inbox';
import { CommonAlert } from '../notify/alert-schema';
import { knowledgeRoutes } from './knowledge-routes';
import { installErrorHandler } from './error-handler';
import { plausibleBearer } from './bearer-shape';
import { jsonOutOfBounds, MAX_JSON_DEPTH } from './json-limits';
import { metricsAccess } from './metrics-auth';
import { rateLimit, RateLimiter } from './rate-limit';
import { setSecurityHeaders } from './security-headers';

/** Largest request body: Teams messages are far smaller; a 1 MB paste still gets a reply. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Largest Azure Monitor alert accepted. */
export const MAX_ALERT_BYTES = 256 * 1024;

/** Longest question `/api/ask` takes: a Teams message is at most about 28 KB. */
export const MAX_ASK_CHARS = 32 * 1024;

export interface HttpDeps {
  /** The bot's app id (the Teams app's id, for deep links); null when running unauthenticated. */
  appId: string | null;
  alerts: {
    inbox: AlertInbox;
    secret: string | null;
    now(): Date;
    /** Queues the alert's notifications for subscribed conversations (idempotent per alert). */
    notify?(alert: CommonAlert, at: Date): Promise<number>;
  };
  bot: BotEndpoint;
  /** Ask, then build cards: the same answers the bot gives. */
  answers: Answers;
  metrics: Metrics;
  log: Logger;
  /** Rejects when the store cannot be read. */
  storagePing(): Promise<void>;
  /** Bearer token for /metrics, required whenever `appId` is set (null: /metrics is closed then). */
  metricsToken?: string | null;
  /** Requests a minute per address on the public API (/api/ask, /api/knowledge/*); 0 or absent: none. */
  rateLimitPerMinute?: number;
}

/** A lone UTF-16 surrogate: `encodeURIComponent` throws on one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** An id the SDK puts into the reply's URL path (`/conversations/{id}/activities/{id}`). */
const PathId = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode');
/** A string field the SDK copies into its reply, whose serializer refuses any other type. */
const Text = z.string().max(1024).nullish();
const Account = z
  .object({ id: z.string().min(1).max(1024), name: Text, aadObjectId: Text, role: Text })
  .passthrough();
/** The SDK reads `type` (and a mention's `mentioned.id` and `text`) of every entity unchecked. */
const Entity = z
  .object({ type: z.string().max(100), mentioned: Account.optional(), text: z.string().optional() })
  .passthrough()
  .refine((e) => e.type !== 'mention' || (e.mentioned && e.text !== undefined), {
    message: 'a mention needs `mentioned` and `text`',
  });
/** The parts of an activity the adapter and the bot rely on; the rest passes through unread. */
const ActivityBody = z
  .object({
    type: z.string().min(1).max(100),
    id: PathId(0, 1024).optional(),
    serviceUrl: z.string().url().max(2048),
    channelId: z.string().min(1).max(100),
    conversation: z
      .object({
        id: PathId(1, 1024),
        conversationType: z.string().max(50).optional(),
        isGroup: z.boolean().nullish(),
        name: Text,
        tenantId: Text,
        aadObjectId: Text,
        role: Text,
      })
      .passthrough(),
    from: Account.optional(),
    recipient: Account.optional(),
    locale: z.string().max(100).nullish(),
    text: z.string().optional(),
    entities: z.array(Entity).max(200).optional(),
    attachments: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
    membersAdded: z.array(Account).max(1000).optional(),
    membersRemoved: z.array(Account).max(1000).optional(),
  })
  .passthrough();
const AskBody = z.object({ q: z.string() }).strict();

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

/** The first few problems zod found, as `path: message` for a 400 response. */
function whereWrong(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

const asset = (...parts: string[]) => join(projectRoot(), ...parts);

/** The HTTP host: the bot endpoint, health, metrics and the playground. Only this folder knows restify. */
export function createServer(deps: HttpDeps): restify.Server {
  const { bot, answers, metrics, log } = deps;
  const matcher = answers.matcher;
  const server = restify.createServer({ name: 'afsbot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Each route parses its own body, with its own size limit, then its depth is checked
  // before anything recursive (zod, the SDK, the logger) walks it.
  const body = (maxBodySize: number): restify.RequestHandler[] => [
    ...restify.plugins.bodyParser({ maxBodySize, mapParams: false, mapFiles: false }),
    (req: restify.Request, res: restify.Response, next: restify.Next) => {
      const wrong = jsonOutOfBounds(req.body);
      if (!wrong) return next();
      metrics.refused.inc({ reason: wrong });
      res.send(wrong === 'too_deep' ? 400 : 413, {
        error: 'request_invalid',
        message:
          wrong === 'too_deep'
            ? `the body is nested deeper than ${MAX_JSON_DEPTH} levels`
            : 'the body holds too many values',
      });
      return next(false);
    },
  ];
  const publicApi = rateLimit(
    deps.rateLimitPerMinute ? new RateLimiter(deps.rateLimitPerMinute) : null,
    metrics,
  );

  server.post(
    '/api/messages',
    body(MAX_BODY_BYTES),
    async (req: restify.Request, res: restify.Response) => {
      const started = process.hrtime.bigint();
      const body = ActivityBody.safeParse(req.body);
      if (!body.success) {
        metrics.refused.inc({ reason: 'invalid' });
        res.send(400, {
          error: 'request_invalid',
          message: `not a Bot Framework activity (${whereWrong(body.error)})`,
        });
        return;
      }
      if (deps.appId && !plausibleBearer(req.headers.authorization)) {
        metrics.refused.inc({ reason: 'unauthorized' });
        res.send(401, { error: 'unauthorized', message: 'a Bot Framework token is required' });
        return;
      }
      const type = body.data.type;
      const conversation = (body.data.conversation.conversationType ?? 'unknown').slice(0, 20);
      try {
        await bot.process(req, res);
      } catch (err) {
        // The SDK throws on activities whose fields have the wrong types.
        log.warn({ activityId: body.data.id, err }, 'activity refused');
        metrics.refused.inc({ reason: 'invalid' });
        if (!res.headersSent)
          res.send(400, {
            error: 'request_invalid',
            message: 'the activity has fields of the wrong type',
          });
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // A request the adapter did not authenticate is one refusal, whatever it claims to be.
        if (res.statusCode === 401 || res.statusCode === 403)
          metrics.refused.inc({ reason: 'unauthorized' });
        else if (res.statusCode !== 400) {
          metrics.turns.inc({ type, conversation });
          metrics.turnSeconds.observe({ type }, seconds);
        }
        log.debug(
          {
            activityId: body.data.id,
            type,
            conversation,
            ms: Math.round(seconds * 1000),
            status: res.statusCode,
          },
          'turn',
        );
      }
    },
  );

  server.post(
    '/api/ask',
    publicApi,
    body(MAX_BODY_BYTES),
    async (req: restify.Request, res: restify.Response) => {
      const body = AskBody.safeParse(req.body);
      if (!body.success) {
        metrics.refused.inc({ reason: 'invalid' });
        res.send(400, {
          error: 'request_invalid',
          message: 'send {"q": "your question or error code"}',
        });
        return;
      }
      if (body.data.q.length > MAX_ASK_CHARS) {
        metrics.refused.inc({ reason: 'query_too_long' });
        res.send(413, {
          error: 'query_too_long',
          message: `q is limited to ${MAX_ASK_CHARS} characters; paste the event or error line only`,
        });
        return;
      }
      try {
        const answer = answers.reply(body.data.q);
        // A bot command typed here is not run: the reply says where commands work.
        const command = commandNamed(body.data.q);
        res.send(200, {
          result: answer.result,
          ...(command ? { command } : {}),
          cards: command ? [helpCard(commandRows(), COMMANDS_WORK_IN)] : answer.cards,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        res.send(400, { error: err.code, message: err.message });
      }
    },
  );

  // Azure Monitor action groups cannot set headers: the secret comes as ?code=.
  // Nothing is read from a post before it is authenticated and within size.
  server.post(
    '/api/alerts',
    (req: restify.Request, res: restify.Response, next: restify.Next) => {
      const secret = deps.alerts.secret;
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
      const at = deps.alerts.now();
      // Notifications are queued before the alert is acknowledged: a crash in between makes
      // Azure Monitor post again, and the queue keeps one notification per alert and chat.
      await deps.alerts.notify?.(parsed.data, at);
      const fresh = await deps.alerts.inbox.accept(parsed.data, at);
      res.send(202, { accepted: true, duplicate: !fresh });
    },
  );

  server.get('/api/entries/:id', async (req: restify.Request, res: restify.Response) => {
    const id = String(req.params?.id ?? '').slice(0, 200);
    const entry = answers.entry(id);
    if (!entry) {
      res.send(404, { error: 'not_found', message: `no entry ${id}` });
      return;
    }
    res.send(200, { entry, cards: [answers.entryCard(entry)] });
  });

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

  const page =
    (file: string, type: string) => async (_req: restify.Request, res: restify.Response) => {
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-cache');
      setSecurityHeaders(res);
      res.sendRaw(200, readFileSync(asset(...file.split('/'))));
    };
  // The knowledge tab is also the local playground: one page at / (browser) and /tab (Teams).
  const html = page('src/web/knowledge.html', 'text/html; charset=utf-8');
  server.get('/', html);
  server.get('/tab', html);
  const js = 'text/javascript; charset=utf-8';
  server.get('/static/knowledge.js', page('src/web/knowledge.js', js));
  server.get('/static/knowledge.css', page('src/web/knowledge.css', 'text/css; charset=utf-8'));
  server.get(
    '/static/adaptivecards.js',
    page('node_modules/adaptivecards/dist/adaptivecards.min.js', js),
  );
  server.get(
    '/static/teams.js',
    page('node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js', js),
  );
  knowledgeRoutes(server, matcher, deps.appId, publicApi);

  installErrorHandler(server, log);
  return server;
}

import restify from 'restify';
import type { Answers } from '../answers';
import type { BotEndpoint } from '../bot';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { alertsRoute, type AlertsDeps } from './alerts-route';
import { answersRoutes } from './answers-routes';
import { bodyParser } from './body';
import { installErrorHandler } from './error-handler';
import { knowledgeRoutes } from './knowledge-routes';
import { messagesRoute } from './messages-route';
import { opsRoutes } from './ops-routes';
import { pageRoutes } from './page-routes';
import { rateLimit, RateLimiter } from './rate-limit';

export interface HttpDeps {
  /** The bot's app id (the Teams app's id, for deep links); null when running unauthenticated. */
  appId: string | null;
  alerts: AlertsDeps;
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

/**
 * The HTTP host: mounts each route (or group) from its own file, with the shared body parser,
 * the per-address rate limit of the public API and the error handler. Only this folder knows restify.
 */
export function createServer(deps: HttpDeps): restify.Server {
  const { answers, metrics, log } = deps;
  const server = restify.createServer({ name: 'afsbot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  const body = bodyParser(metrics);
  const publicApi = rateLimit(
    deps.rateLimitPerMinute ? new RateLimiter(deps.rateLimitPerMinute) : null,
    metrics,
  );

  messagesRoute(server, deps, body);
  answersRoutes(server, deps, body, publicApi);
  alertsRoute(server, deps.alerts, metrics, body);
  opsRoutes(server, { ...deps, matcher: answers.matcher });
  pageRoutes(server);
  knowledgeRoutes(server, answers.matcher, deps.appId, publicApi);

  installErrorHandler(server, log);
  return server;
}

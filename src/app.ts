import './http/quiet-deprecations';
import type { AddressInfo } from 'node:net';
import { Answers } from './answers';
import { createBotEndpoint, SentCards, type BotServices } from './bot';
import { describeConfig, type Config } from './config';
import { AppError } from './errors';
import { createServer } from './http/server';
import { applyTimeouts } from './http/timeouts';
import { createHealthProvider } from './health';
import { loadIndex } from './knowledge/load';
import { createLogger, type Logger } from './log';
import { Matcher } from './matching/ask';
import { readSearchSnapshot } from './matching/search-snapshot';
import { Metrics } from './metrics';
import { SqliteBotStore } from './storage/bot-store';
import { openSqlite } from './storage/sqlite';
import { ConversationRefs } from './storage/conversation-refs';
import { Subscriptions } from './notify/subscriptions';
import { AlertInbox } from './notify/alert-inbox';
import { openKvStore, openLeadership } from './storage/open-store';
import { ParkedNotifications } from './notify/outbox-parked';
import { wireNotifications } from './notify/notifications';
import type { Poller } from './notify/poller';
import { explainHresult } from './matching/explain-hresult';
import { Outbox } from './notify/outbox';
import type { Sender } from './notify/sender';
import { createProactiveTransport } from './bot/proactive-transport';
import { createGaps } from './gaps/create';

/** A failed listen as one line naming the port and how to choose another (not a stack trace). */
function listenError(err: unknown, config: Config): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') return err;
  const where = `${config.host}:${config.port}`;
  const why =
    code === 'EADDRINUSE'
      ? `port ${config.port} is already in use (${where})`
      : code === 'EACCES'
        ? `port ${config.port} needs privileges this process lacks (${where})`
        : `host ${config.host} is not an address of this machine`;
  const fix =
    code === 'EADDRNOTAVAIL'
      ? 'choose another with --host <address> or HOST=<address>'
      : 'choose another with --port <port> or PORT=<port> (0 picks a free one)';
  return new AppError('config_invalid', `${why}: ${fix}`);
}

/**
 * Days a delivered notification's key is kept: long enough that no poll or alert repeats it
 * and that a failure lasting weeks still finds the message its recovery replaces.
 */
const OUTBOX_RETENTION_DAYS = 90;

/** A running server and how to stop it. */
export interface RunningApp {
  url: string;
  port: number;
  services: BotServices;
  /** Drains the outbox into Teams; the outbox wakes it after each notification it stores. */
  sender: Sender;
  /** Polls the subscribed sync groups every POLL_INTERVAL_SECONDS (`poll()` runs one cycle). */
  poller: Poller;
  close(): Promise<void>;
}

/**
 * Wires the knowledge, the store, the bot and the HTTP host from a config, and listens.
 * Everything runs from the embedded defaults: the bundled index, SQLite under DATA_DIR.
 */
export async function startApp(
  config: Config,
  log: Logger = createLogger(config.logLevel),
): Promise<RunningApp> {
  const started = Date.now();
  const index = loadIndex();
  const matcher = new Matcher(index, {
    audience: config.audience,
    snapshot: readSearchSnapshot(),
  });
  const db = openSqlite(config.dataDir);
  // Feedback and ask counts stay in SQLite; conversation references follow STORAGE.
  const store = new SqliteBotStore(db);
  const kv = await openKvStore(config, db, log.child({ component: 'storage' }));
  const refs = new ConversationRefs(kv);
  const metrics = new Metrics();
  const outbox = new Outbox(kv);
  const parked = new ParkedNotifications(kv);
  metrics.parkedSource = () => parked.counts();
  const gaps = createGaps(config, kv, log);
  const answers = new Answers({
    matcher,
    store,
    metrics,
    cacheSize: config.answerCacheSize,
    now: () => new Date(),
    ...gaps,
  });
  const services: BotServices = {
    refs,
    outbox,
    subscriptions: new Subscriptions(kv),
    health: createHealthProvider(config, log),
    matcher,
    answers,
    sent: new SentCards(),
    store,
    metrics,
    log,
    now: () => new Date(),
    ...gaps,
  };
  const bot = createBotEndpoint(config, services);
  // One instance per shared store polls and sends; the others stand by.
  const leadership = await openLeadership(config, log.child({ component: 'leadership' }));
  const { sender, poller, alerts } = wireNotifications({
    kv,
    outbox,
    transport: createProactiveTransport(config, refs),
    refs,
    subscriptions: services.subscriptions,
    health: services.health,
    explain: (hresult) => explainHresult(matcher.book, hresult),
    leadership,
    shared: config.storage === 'azure-blob' && !!config.azureStorageConnectionString,
    metrics,
    log,
  });
  const server = createServer({
    appId: config.appId,
    alerts: {
      inbox: new AlertInbox(kv),
      secret: config.alertWebhookSecret,
      now: () => new Date(),
      notify: (alert, at) => alerts.notify(alert, at),
    },
    bot,
    answers,
    metrics,
    log,
    storagePing: async () => {
      store.ping();
      await kv.ping();
    },
    metricsToken: config.metricsToken,
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  applyTimeouts(server.server, config.http);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    // What was opened closes again, so the caller gets one line and no half-started process.
    await sender.stop();
    await leadership.stop();
    store.flush();
    db.close();
    throw listenError(err, config);
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}`;
  log.info(
    {
      config: describeConfig(config),
      entries: index.entries.length,
      readyMs: Date.now() - started,
    },
    'afsbot ready',
  );
  // Started once the endpoint listens: what a previous run left queued goes out now.
  sender.start();
  // Sent keys are remembered (a repeat is refused) for OUTBOX_RETENTION_DAYS, then forgotten.
  const prune = () =>
    void outbox
      .prune(new Date(Date.now() - OUTBOX_RETENTION_DAYS * 86_400_000))
      .then((n) => n && log.info({ removed: n }, 'old outbox keys pruned'))
      .catch((err: unknown) => log.warn({ err }, 'outbox prune failed'));
  const pruning = setInterval(() => {
    prune();
    services.gaps?.pruneLogged();
  }, 86_400_000);
  services.gaps?.pruneLogged();
  pruning.unref();
  // Without a health API there is nothing to poll; alerts still notify.
  if (services.health.kind !== 'none') poller.start(config.pollIntervalSeconds * 1000);
  // Warm the lazily built parts (templating engine, typo index) before the first person waits.
  setImmediate(() => answers.warmUp(log));
  if (!config.appId)
    log.warn(
      'no MicrosoftAppId: the bot accepts unauthenticated requests and listens on loopback only',
    );

  return {
    url,
    port,
    services,
    sender,
    poller,
    close: async () => {
      // The poll and the send in flight finish (and are recorded) before the store closes.
      clearInterval(pruning);
      await services.gaps?.settled();
      await poller.stop();
      await leadership.stop();
      await sender.stop();
      await new Promise<void>((resolve) => {
        server.close(() => {
          store.flush();
          db.close();
          resolve();
        });
      });
    },
  };
}

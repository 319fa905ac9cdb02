/**
 * The baseline of the bot benchmark: a bare botbuilder echo bot on the same stack (restify 11,
 * CloudAdapter, no auth). Prints its port, like `afsbot serve`, and runs until killed.
 *
 * With ECHO_CARDS=1 it is the card echo bot: it does no work for a message either, but replies
 * with afsbot's own answer cards instead of a line of text, taken in turn from the replies afsbot
 * gives the bench's first POOL unique messages (worked out once, before it listens). Its figures
 * are what sending the answer cards alone costs on this stack: the floor of any bot that answers
 * with them, whatever its matching costs.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
} from 'botbuilder';
import restify from 'restify';
import { join } from 'node:path';

/** Replies in the card echo bot's rotation: as many as the load sends distinct kinds of message. */
const POOL = 400;

/**
 * afsbot's reply to each of the first POOL unique bench messages, as the activity it sends
 * (loaded only here: the plain echo bot loads nothing of afsbot's).
 */
async function answerCards(): Promise<Partial<Activity>[]> {
  const { Answers } = await import('../../src/answers');
  const { loadIndex } = await import('../../src/knowledge/load');
  const { Matcher } = await import('../../src/matching/ask');
  const { Metrics } = await import('../../src/metrics');
  const { cardMessage } = await import('../../src/bot/reply');
  const { SqliteBotStore } = await import('../../src/storage/bot-store');
  const { openSqliteInMemory } = await import('../../src/storage/sqlite');
  const { BenchMessages } = await import('./unique-messages');
  const root = join(__dirname, '..', '..', '..');
  const answers = new Answers({
    matcher: new Matcher(loadIndex()),
    store: new SqliteBotStore(openSqliteInMemory()),
    metrics: new Metrics(false),
    cacheSize: 0,
    now: () => new Date(),
  });
  const messages = new BenchMessages(root);
  return Array.from({ length: POOL }, (_, n) => {
    const { cards, summary } = answers.reply(messages.unique(n));
    return cardMessage(cards, summary);
  });
}

let pool: Partial<Activity>[] | null = null;
let next = 0;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next_) => {
      if (pool) await context.sendActivity({ ...pool[next++ % pool.length] });
      else await context.sendActivity(`Echo: ${context.activity.text}`);
      await next_();
    });
  }
}
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 2 * 1024 * 1024 }));
server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
async function main(): Promise<void> {
  if (process.env.ECHO_CARDS === '1') pool = await answerCards();
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`echo bot listening: http://127.0.0.1:${address.port}\n`);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`echo bot did not start: ${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});

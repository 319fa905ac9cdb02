import { loadIndex } from '../knowledge/load';
import { Matcher } from '../matching/ask';
import { readSearchSnapshot } from '../matching/search-snapshot';
import type { RankerName } from '../matching/search';
import { AppError } from '../errors';
import { parseArgs } from './args';
import { readBatch } from './batch';
import { formatAnswer } from './format-answer';

/** Builds a matcher from `--index`, `--ranker` and `--audience` (customer | support). */
export function matcherFrom(flags: Map<string, string | true>): Matcher {
  const ranker = (flags.get('ranker') ?? 'bm25') as string;
  if (ranker !== 'bm25' && ranker !== 'fuse')
    throw new AppError('usage', `--ranker is bm25 or fuse, not ${ranker}`);
  const audience = (flags.get('audience') ?? 'customer') as string;
  if (audience !== 'customer' && audience !== 'support')
    throw new AppError('usage', `--audience is customer or support, not ${audience}`);
  const path = typeof flags.get('index') === 'string' ? (flags.get('index') as string) : undefined;
  // The search index built with the knowledge, when it was built from this index file: it saves
  // indexing the entries and training the entry model on every command.
  return new Matcher(loadIndex(path), {
    ranker: ranker as RankerName,
    audience,
    snapshot: readSearchSnapshot(path),
  });
}

/**
 * The cards the bot replies with, from the answers layer every host uses: what `/api/ask`
 * answers, for checking a card without Teams. Counts go to a store that ends with the process.
 */
async function cardsFor(matcher: Matcher, text: string): Promise<string> {
  // Loaded here only: a plain ask or a batch needs neither the card templates nor SQLite.
  const { Answers } = await import('../answers');
  const { Metrics } = await import('../metrics');
  const { SqliteBotStore } = await import('../storage/bot-store');
  const { openSqliteInMemory } = await import('../storage/sqlite');
  const answers = new Answers({
    matcher,
    store: new SqliteBotStore(openSqliteInMemory()),
    metrics: new Metrics(false),
    cacheSize: 0,
    now: () => new Date(),
  });
  const { result, cards } = answers.reply(text);
  return JSON.stringify({ result, cards }, null, 2);
}

/** `afsbot ask [--json | --cards] "text"` and `afsbot ask --json --batch FILE`. */
export async function askCommand(argv: string[], out: (s: string) => void): Promise<number> {
  const { flags, positional } = parseArgs(
    argv,
    ['batch', 'index', 'ranker', 'audience'],
    ['json', 'cards'],
  );
  const batch = flags.get('batch');
  if (typeof batch === 'string') {
    if (positional.length)
      throw new AppError('usage', 'give either --batch FILE or a question, not both');
    const lines = readBatch(batch);
    const matcher = matcherFrom(flags);
    const chunk: string[] = [];
    for (const line of lines) {
      chunk.push(JSON.stringify(matcher.ask(line.q, line.id).result));
      if (chunk.length >= 256) out(chunk.splice(0).join('\n'));
    }
    if (chunk.length) out(chunk.join('\n'));
    return 0;
  }
  if (positional.length === 0)
    throw new AppError(
      'usage',
      'usage: afsbot ask [--json | --cards] "question or error code" | afsbot ask --json --batch FILE',
    );
  if (flags.has('json') && flags.has('cards'))
    throw new AppError(
      'usage',
      'give --json (the AskResult) or --cards (result and cards), not both',
    );
  if (flags.has('cards')) {
    out(await cardsFor(matcherFrom(flags), positional.join(' ')));
    return 0;
  }
  const answer = matcherFrom(flags).ask(positional.join(' '));
  out(flags.has('json') ? JSON.stringify(answer.result) : formatAnswer(answer));
  return 0;
}

import { loadIndex } from '../knowledge/load';
import { Matcher } from '../matching/ask';
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
  const path = flags.get('index');
  return new Matcher(loadIndex(typeof path === 'string' ? path : undefined), {
    ranker: ranker as RankerName,
    audience,
  });
}

/** `afsbot ask [--json] "text"` and `afsbot ask --json --batch FILE`. */
export function askCommand(argv: string[], out: (s: string) => void): number {
  const { flags, positional } = parseArgs(argv, ['batch', 'index', 'ranker', 'audience'], ['json']);
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
      'usage: afsbot ask [--json] "question or error code" | afsbot ask --json --batch FILE',
    );
  const answer = matcherFrom(flags).ask(positional.join(' '));
  out(flags.has('json') ? JSON.stringify(answer.result) : formatAnswer(answer));
  return 0;
}

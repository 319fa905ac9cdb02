/**
 * Messages for the bot bench, read from the evaluation queries (`test/eval/queries.jsonl`: codes,
 * questions, pasted events, MARS ids, off-topic) and a 28 KB FileSyncErrorsReport paste.
 *
 * `unique(n)` never returns the same text twice, so no cache (the answer cache, or any cache
 * keyed by text) can flatter the figure. Message n is query n mod Q as an admin would write it:
 * - an opener and a closer from short lists ("hi,", "quick one:" … "thanks", "what should we do?"),
 *   chosen by different digits of n so the pairs keep changing;
 * - the server it happened on, a name spelt from n in letters ("on fs-bqd"), so every text is
 *   new without adding digits the code extraction would read; in a pasted event the name goes on
 *   its own line above the paste, which stays as it is;
 * - one message in eight joins two queries of different categories ("…; also …"), as people ask
 *   two things at once;
 * - one in twenty is the 28 KB paste with its server name replaced by n's.
 * None of this makes a query trivial or unanswerable: the code, the event or the question is
 * kept whole, and the words added are ones the knowledge does not rank on.
 *
 * `repeated(n)` is the first REPEAT_EVERY unique messages over and over, to show what the answer
 * cache buys: fewer than the cache holds (256 by default), since a cycle longer than an LRU cache
 * would miss every time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Query {
  q: string;
  category: string;
}

const OPENERS = ['', 'hi, ', 'quick one: ', 'hello team, ', 'morning, ', 'question: ', 'fyi ', ''];
const CLOSERS = ['', ' thanks', ' any idea?', ' what should we do?', ' please advise', ' cheers'];
const PLACES = [' on ', ' on server ', ', seen on ', ' from '];
/** Messages in the repeating workload's cycle. */
export const REPEAT_EVERY = 200;

/** n spelt in lowercase letters, at least three ('aaa', 'aab' …): a server name with no digits. */
export function letters(n: number): string {
  let s = '';
  let v = n;
  do {
    s = String.fromCharCode(97 + (v % 26)) + s;
    v = Math.floor(v / 26);
  } while (v > 0);
  return s.padStart(3, 'a');
}

/** The workloads of the bot bench, from the repository's evaluation queries. */
export class BenchMessages {
  private readonly queries: Query[];
  private readonly paste: string;

  constructor(root: string) {
    this.queries = readFileSync(join(root, 'test', 'eval', 'queries.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Query);
    this.paste = (
      readFileSync(join(root, 'test', 'fixtures', 'events', 'errors-report.txt'), 'utf8') + '\n'
    )
      .repeat(8)
      .slice(0, 28 * 1024);
  }

  /** Message n of the workload in which no text repeats. */
  unique(n: number): string {
    const server = `fs-${letters(n)}`;
    if (n % 20 === 19) return this.paste.replaceAll('FS01', server.toUpperCase());
    const q = this.queries[n % this.queries.length];
    const opener = OPENERS[Math.floor(n / 3) % OPENERS.length];
    const closer = CLOSERS[Math.floor(n / 7) % CLOSERS.length];
    const place = PLACES[Math.floor(n / 5) % PLACES.length];
    if (q.q.includes('\n')) return `${opener}${place.trim()} ${server}:\n${q.q}\n${closer.trim()}`;
    let text = `${opener}${q.q}${place}${server}`;
    if (n % 8 === 5) {
      const other = this.queries[(n * 7 + 11) % this.queries.length];
      if (other.category !== q.category && !other.q.includes('\n')) text += `; also ${other.q}`;
    }
    return text + closer;
  }

  /** Message n of the workload that repeats REPEAT_EVERY messages in turn. */
  repeated(n: number): string {
    return this.unique(n % REPEAT_EVERY);
  }
}

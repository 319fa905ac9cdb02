import type { HresultDecoding } from '../knowledge/hresult';
import type { Entry } from '../knowledge/schema';
import type { EventSummary } from './events';
import type { FoundCode } from './extract-codes';

/** What the user is shown: `answer` exactly when `confident`. */
export type Verdict = 'answer' | 'did-you-mean' | 'unknown-code' | 'off-topic' | 'empty';

/** The `AskResult` contract (README, "The CLI"): what `afsbot ask --json` prints. */
export interface AskResult {
  id?: string;
  query: string;
  confident: boolean;
  /** What the user is shown. "off-topic" only when nothing in the knowledge relates. */
  verdict: Verdict;
  codes: { hresult: string; decimal: number; name?: string; known: boolean }[];
  matches: {
    id: string;
    kind: string;
    title: string;
    hresults: string[];
    anchors: string[];
    score: number;
  }[];
}

/** Everything the matcher worked out, for cards and the terminal; `result` is the contract. */
export interface Answer {
  result: AskResult;
  entries: Entry[];
  found: FoundCode[];
  events: EventSummary[];
  decodings: HresultDecoding[];
  /**
   * The articles' answer to "should I delete / recreate it?" and its warning, put before the
   * codes' entries when a message with codes asks that (empty otherwise, and for free text, whose
   * first entries are these already).
   */
  safetyFirst: Entry[];
  /** Why the answer is (not) confident, for people: `ambiguous` and `vague` are shown a chooser. */
  reason: 'codes' | 'unknown-code' | 'text' | 'ambiguous' | 'vague' | 'off-topic' | 'empty';
}

/** The verdict a reason is shown as. */
export function verdictOf(reason: Answer['reason']): Verdict {
  if (reason === 'codes' || reason === 'text') return 'answer';
  if (reason === 'ambiguous' || reason === 'vague') return 'did-you-mean';
  return reason;
}

const hresultsOf = (e: Entry) => [
  ...new Set(e.codes.map((c) => c.hresult).filter((h): h is string => h !== null)),
];

/** The contract's view of the codes a message holds: those read as HRESULTs or MARS ids. */
export function codesOf(found: FoundCode[]): AskResult['codes'] {
  return found
    .filter((f) => f.hresult !== null && f.decimal !== null)
    .map((f) => ({
      hresult: f.hresult!,
      decimal: f.decimal!,
      ...(f.name ? { name: f.name } : {}),
      known: f.known,
    }));
}

/** The contract's view of an entry offered with its score. */
export function matchOf(entry: Entry, score: number): AskResult['matches'][number] {
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    hresults: hresultsOf(entry),
    anchors: entry.anchors,
    score,
  };
}

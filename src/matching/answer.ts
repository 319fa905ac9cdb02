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

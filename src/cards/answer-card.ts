import type { Entry } from '../knowledge/schema';
import type { EventSummary } from '../matching/events';
import type { FoundCode } from '../matching/extract-codes';
import { answerView, type AnswerOptions, type Titled } from './answer-view';
import { eventSummaryElement, type NameOf } from './event-summary';
import { fitCard } from './fit-card';
import { withOtherMatches } from './other-matches';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** Options of an answer card; `event` is a pasted event, summarised above the answer. */
export interface AnswerCardOptions extends AnswerOptions {
  event?: EventSummary;
  /** The question's next matches, best first (free text only): shown as "Other matches". */
  others?: Titled[];
}

/** Error names known for the codes in an entry and in the message. */
export function namesOf(entries: Entry[], found: FoundCode[] = []): NameOf {
  const names = new Map<string, string>();
  for (const f of found) if (f.hresult && f.name && !f.mars) names.set(f.hresult, f.name);
  for (const e of entries)
    for (const c of e.codes) if (c.hresult && c.errorString) names.set(c.hresult, c.errorString);
  return (hresult) => names.get(hresult);
}

/**
 * The answer to one entry: title, product, codes with their remediation badge, cause, steps,
 * commands, notes, escalation, source; a pasted event's summary above it; the article link,
 * related entries and feedback as actions. Fits in MAX_CARD_BYTES.
 */
export function answerCard(entry: Entry, opts: AnswerCardOptions = {}): AdaptiveCard {
  const { card, json } = entryCard(entry, opts);
  return opts.others?.length ? withOtherMatches(card, json, entry, opts.others) : card;
}

/**
 * The answer card of one entry without other matches, and its JSON when it is kept: the same
 * entry is asked for again and again, and expanding its template is most of the cost.
 */
function entryCard(entry: Entry, opts: AnswerCardOptions): { card: AdaptiveCard; json?: string } {
  const key = opts.event ? null : memoKey(entry, opts);
  const cards = key === null ? undefined : memoFor(entry);
  const hit = key === null ? undefined : cards?.get(key);
  // A copy each time (callers may change it): parsing kept JSON is twice as fast as structuredClone.
  if (hit) return { card: JSON.parse(hit) as AdaptiveCard, json: hit };
  const card = expandCard('answer', answerView(entry, opts));
  if (opts.event) card.body.unshift(eventSummaryElement(opts.event, namesOf([entry], opts.codes)));
  const fitted = fitCard(card, MAX_CARD_BYTES);
  if (key !== null && cards && cards.size < MEMO_PER_ENTRY) {
    // NOTE: callers may shorten a card in place (fitCard); the memo keeps its own copy, as the
    // JSON it is sent as (a card has no value JSON would lose).
    const json = JSON.stringify(fitted);
    cards.set(key, json);
    return { card: fitted, json };
  }
  return { card: fitted };
}

/**
 * Answer cards already built: per entry object (a rebuilt index brings new objects, and the old
 * cards go with the old index), by codes asked about, feedback and related titles.
 */
const memo = new WeakMap<Entry, Map<string, string>>();
const MEMO_PER_ENTRY = 8;

function memoFor(entry: Entry): Map<string, string> {
  let m = memo.get(entry);
  if (!m) memo.set(entry, (m = new Map()));
  return m;
}

function memoKey(entry: Entry, opts: AnswerCardOptions): string {
  const codes = (opts.codes ?? []).map((c) => c.hresult ?? c.name ?? '').join(',');
  const related = entry.related
    .map((id) => opts.related?.find((r) => r.id === id) ?? opts.lookup?.(id))
    .map((r) => `${r?.title ?? ''}\u0002${r?.codes?.find((c) => c.hresult)?.hresult ?? ''}`)
    .join('\u0001');
  // NOTE: with a lookup, warnings taken from other entries and older guidance name those entries.
  return `${opts.feedback ?? ''}|${codes}|${related}|${opts.lookup ? 'titled' : ''}`;
}

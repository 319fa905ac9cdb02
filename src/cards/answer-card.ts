import type { Entry } from '../knowledge/schema';
import type { EventSummary } from '../matching/events';
import type { FoundCode } from '../matching/extract-codes';
import { answerView, type AnswerOptions } from './answer-view';
import { eventSummaryElement, type NameOf } from './event-summary';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** Options of an answer card; `event` is a pasted event, summarised above the answer. */
export interface AnswerCardOptions extends AnswerOptions {
  event?: EventSummary;
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
  const card = expandCard('answer', answerView(entry, opts));
  if (opts.event) card.body.unshift(eventSummaryElement(opts.event, namesOf([entry], opts.codes)));
  return fitCard(card, MAX_CARD_BYTES);
}

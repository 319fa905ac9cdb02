import type { Entry } from '../knowledge/schema';
import type { EventSummary } from '../matching/events';
import { showAction, type ExecuteView } from './actions';
import type { TextView } from './answer-view';
import { eventSummaryElement } from './event-summary';
import { exampleRows } from './examples';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** Closest entries offered on the off-topic card, at most. */
const MAX_OFF_TOPIC_CANDIDATES = 3;

/** The view model of `cards/off-topic.json`. */
export interface OffTopicView {
  examples: TextView[];
  /** The closest entries the matcher found, each a button: never hidden from the user. */
  candidates: { show: ExecuteView[] }[];
  hasCandidates: boolean;
}

/** The view model of the off-topic card: every example, and up to three closest entries. */
export function offTopicView(candidates: Pick<Entry, 'id' | 'title'>[] = []): OffTopicView {
  const shown = candidates
    .slice(0, MAX_OFF_TOPIC_CANDIDATES)
    .map((e) => ({ show: [showAction(e.id, e.title)] }));
  return { examples: exampleRows(), candidates: shown, hasCandidates: shown.length > 0 };
}

/**
 * Nothing in the knowledge is about the message: what the bot can do, with examples, and the
 * closest entries the matcher found (a question it misread still leads somewhere). A pasted
 * event is still summarised at the top (a successful 9102 is worth reading back).
 */
export function offTopicCard(
  event?: EventSummary,
  candidates: Pick<Entry, 'id' | 'title'>[] = [],
): AdaptiveCard {
  const card = expandCard('off-topic', offTopicView(candidates));
  if (event) card.body.unshift(eventSummaryElement(event));
  return fitCard(card, MAX_CARD_BYTES);
}

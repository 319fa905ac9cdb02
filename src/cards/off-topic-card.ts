import type { EventSummary } from '../matching/events';
import type { TextView } from './answer-view';
import { eventSummaryElement } from './event-summary';
import { exampleRows } from './examples';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** The view model of `cards/off-topic.json`. */
export interface OffTopicView {
  examples: TextView[];
}

/** The view model of the off-topic card: every example. */
export function offTopicView(): OffTopicView {
  return { examples: exampleRows() };
}

/**
 * No confident answer: what the bot can do, with examples. A pasted event the message held is
 * still summarised at the top (a successful 9102 is worth reading back even with no entry to show).
 */
export function offTopicCard(event?: EventSummary): AdaptiveCard {
  const card = expandCard('off-topic', offTopicView());
  if (event) card.body.unshift(eventSummaryElement(event));
  return fitCard(card, MAX_CARD_BYTES);
}

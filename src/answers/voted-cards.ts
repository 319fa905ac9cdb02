import { hasFeedbackFor, withFeedbackRecorded, type AdaptiveCard } from '../cards';

/**
 * A message's cards after a vote on one of them: that card's feedback row replaced by a thank-you
 * line, the others as they were. Null when none of the cards carries feedback for the entry.
 */
export function votedCards(
  cards: readonly AdaptiveCard[],
  entryId: string,
): { cards: AdaptiveCard[]; updated: AdaptiveCard } | null {
  const index = cards.findIndex((c) => hasFeedbackFor(c, entryId));
  if (index < 0) return null;
  const updated = withFeedbackRecorded(cards[index], entryId);
  return { cards: cards.map((c, i) => (i === index ? updated : c)), updated };
}

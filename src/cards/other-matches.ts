import type { Entry } from '../knowledge/schema';
import { showAction, type ExecuteView } from './actions';
import { relatedLabel, type Titled } from './answer-view';
import { articleText } from './escape';
import { fitCard, nodes } from './fit-card';
import { expandElement } from './template';
import { MAX_CARD_BYTES, jsonBytes, type AdaptiveCard } from './types';

/** Other matches shown, at most: with the answer, as many as a chooser would have offered. */
export const MAX_OTHERS = 2;

/** The view model of `cards/other-matches.json`. */
export interface OtherMatchesView {
  others: (ExecuteView & { label: string })[];
}

/**
 * The question's next matches after the answer `e`, as rows like the related ones: a confident
 * answer to free text can still be the wrong one, and the right one is then a click away. An
 * entry the card already offers among its related ones (`offered`) is not repeated: with them, the
 * first matches are all on the card. Null when there is none to show.
 */
export function otherMatchesView(
  e: Entry,
  others: Titled[],
  offered: ReadonlySet<string>,
): OtherMatchesView | null {
  const next = others.filter((r) => r.id !== e.id && !offered.has(r.id)).slice(0, MAX_OTHERS);
  if (next.length === 0) return null;
  return {
    others: next.map((r) => ({
      label: articleText(relatedLabel(e, r)),
      ...showAction(r.id, 'Open'),
    })),
  };
}

/** The entries the card's related buttons open. */
function relatedShown(card: AdaptiveCard): Set<string> {
  const ids = new Set<string>();
  const related = card.body.find((n) => n.id === 'related');
  for (const n of nodes(related)) {
    const data = n.data as { entryId?: unknown } | undefined;
    if (n.type === 'Action.Execute' && typeof data?.entryId === 'string') ids.add(data.entryId);
  }
  return ids;
}

/**
 * The answer card of `entry` with the question's other matches after its source line
 * (`cards/other-matches.json`). They differ from one question to the next, so they are added to
 * the kept card, not kept with it; `json` is that card as kept, when it was, for its size.
 */
export function withOtherMatches(
  card: AdaptiveCard,
  json: string | undefined,
  entry: Entry,
  others: Titled[],
): AdaptiveCard {
  const view = otherMatchesView(entry, others, relatedShown(card));
  if (!view) return card;
  const element = expandElement('other-matches', view);
  const bytes =
    (json === undefined ? jsonBytes(card) : Buffer.byteLength(json)) + jsonBytes(element) + 1;
  const at = card.body.findIndex((n) => n.id === 'source');
  card.body.splice(at < 0 ? card.body.length : at + 1, 0, element);
  return bytes < MAX_CARD_BYTES ? card : fitCard(card, MAX_CARD_BYTES);
}

import { summaryText } from '../knowledge/display';
import type { Entry } from '../knowledge/schema';
import type { EventSummary } from '../matching/events';
import { eventSummaryElement } from './event-summary';
import { showAction, type ExecuteView } from './actions';
import { articleText, truncate, userText } from './escape';
import { fitCard } from './fit-card';
import { codeName, KIND_NAME, PRODUCT_NAME } from './labels';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** Candidates offered, at most. */
export const MAX_CANDIDATES = 3;
const EXCERPT = 160;

export interface CandidateView {
  title: string;
  subtitle: string;
  excerpt: string;
  hasExcerpt: boolean;
  show: ExecuteView[];
}

/** The view model of `cards/did-you-mean.json`. */
export interface DidYouMeanView {
  /** The user's words, escaped and cut: they must not format the card. */
  query: string;
  hasQuery: boolean;
  candidates: CandidateView[];
  hasCandidates: boolean;
}

function candidateView(e: Entry): CandidateView {
  const excerpt = articleText(truncate(summaryText(e).replace(/\s+/g, ' ').trim(), EXCERPT));
  return {
    title: articleText(e.title),
    subtitle: [PRODUCT_NAME[e.product], KIND_NAME[e.kind], articleText(codeName(e) ?? '')]
      .filter(Boolean)
      .join(' · '),
    excerpt,
    hasExcerpt: excerpt !== '',
    show: [showAction(e.id, 'Show this answer')],
  };
}

/** The view model of did-you-mean: the user's words escaped, up to three candidates. */
export function didYouMeanView(candidates: Entry[], query: string): DidYouMeanView {
  const q = userText(query);
  const shown = candidates.slice(0, MAX_CANDIDATES).map(candidateView);
  return {
    query: `You asked: “${q}”`,
    hasQuery: q !== '',
    candidates: shown,
    hasCandidates: shown.length > 0,
  };
}

/**
 * Several entries fit the question about equally, or it is too vague for one: up to three, each
 * with a `show` button. A pasted event the message held is summarised at the top.
 */
export function didYouMeanCard(
  candidates: Entry[],
  query: string,
  event?: EventSummary,
): AdaptiveCard {
  const card = expandCard('did-you-mean', didYouMeanView(candidates, query));
  if (event) card.body.unshift(eventSummaryElement(event));
  return fitCard(card, MAX_CARD_BYTES);
}

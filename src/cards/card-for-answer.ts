import type { Entry } from '../knowledge/schema';
import type { Answer } from '../matching/ask';
import type { EventSummary } from '../matching/events';
import type { FoundCode } from '../matching/extract-codes';
import { answerCard, namesOf } from './answer-card';
import { didYouMeanCard, MAX_CANDIDATES } from './did-you-mean-card';
import { eventSummaryElement } from './event-summary';
import { fitCard } from './fit-card';
import { multiCodeCard, type CodeItem } from './multi-code-card';
import { offTopicCard } from './off-topic-card';
import { MAX_CARD_BYTES, jsonBytes, type AdaptiveCard } from './types';
import { unknownCodeCard } from './unknown-code-card';
import type { Titled } from './answer-view';

/** Finds an entry by id (the matcher's), for the titles of related-entry buttons. */
type Lookup = (id: string) => Titled | undefined;

/** The entry that answers a found code: the first the matcher ranked among its hits. */
function answeringEntry(answer: Answer, f: FoundCode): Entry | undefined {
  return answer.entries.find((e) => f.hits.some((h) => h.entry.id === e.id)) ?? f.hits[0]?.entry;
}

/** Known codes grouped by the entry that answers them, in the order the message gave them. */
function groupByEntry(answer: Answer, found: FoundCode[]) {
  const items: CodeItem[] = [];
  const groups = new Map<string, { entry: Entry; codes: FoundCode[] }>();
  for (const code of found) {
    const entry = answeringEntry(answer, code);
    if (!entry) continue;
    items.push({ entry, code });
    const g = groups.get(entry.id) ?? { entry, codes: [] };
    g.codes.push(code);
    groups.set(entry.id, g);
  }
  return { items, groups: [...groups.values()] };
}

/**
 * Answer cards for the known codes: one per answering entry (a carousel when they fit together
 * within `budget` bytes), else one compact list. The event goes to the first card.
 */
function codeCards(
  answer: Answer,
  found: FoundCode[],
  event: EventSummary | undefined,
  budget: number,
  lookup?: Lookup,
): AdaptiveCard[] {
  const { items, groups } = groupByEntry(answer, found);
  const cards = groups.map((g, i) =>
    answerCard(g.entry, {
      codes: g.codes,
      event: i === 0 ? event : undefined,
      related: answer.entries,
      lookup,
    }),
  );
  if (cards.length <= 1 || jsonBytes(cards) < budget) return cards;
  const list = multiCodeCard(items);
  if (event) list.body.unshift(eventSummaryElement(event, namesOf(answer.entries, found)));
  return [fitCard(list, budget)];
}

/**
 * The card of the articles' answer to "should I delete / recreate it?" when a message with codes
 * asks it: it goes before the codes' cards, so no procedure is read first.
 */
function safetyCards(answer: Answer, lookup?: Lookup): AdaptiveCard[] {
  const first = answer.safetyFirst[0];
  return first ? [answerCard(first, { related: answer.entries, lookup })] : [];
}

/** Keeps a whole message under MAX_CARD_BYTES by giving each card an equal share. */
function fitMessage(cards: AdaptiveCard[]): AdaptiveCard[] {
  if (jsonBytes(cards) < MAX_CARD_BYTES) return cards;
  const share = Math.floor(MAX_CARD_BYTES / cards.length) - 16;
  return cards.map((c) => fitCard(c, share));
}

/**
 * The card(s) one message carries for an answer: the answer to a code or a question, a
 * carousel or a list for several codes, did-you-mean for an ambiguous question, the decoding of
 * an unknown code, or what the bot can do. Several cards are meant as a carousel.
 */
export function cardForAnswer(answer: Answer, lookup?: Lookup): AdaptiveCard[] {
  const event = answer.events[0];
  switch (answer.reason) {
    case 'codes': {
      const safety = safetyCards(answer, lookup);
      const budget = MAX_CARD_BYTES - jsonBytes(safety);
      return fitMessage([...safety, ...codeCards(answer, answer.found, event, budget, lookup)]);
    }
    case 'text':
      return answer.entries[0]
        ? [
            answerCard(answer.entries[0], {
              event,
              related: answer.entries,
              lookup,
              others: answer.entries.slice(1),
            }),
          ]
        : [offTopicCard(event)];
    case 'ambiguous':
    case 'vague':
      return [didYouMeanCard(answer.entries.slice(0, MAX_CANDIDATES), answer.result.query, event)];
    case 'unknown-code': {
      const unknown = answer.found.filter((f) => !f.known);
      const known = answer.found.filter((f) => f.known);
      const decodings = answer.decodings.filter((d) =>
        unknown.some((f) => !f.mars && f.hresult === d.hresult),
      );
      const marsIds = unknown.filter((f) => f.mars).map((f) => String(f.decimal));
      const safety = safetyCards(answer, lookup);
      const first = unknownCodeCard(decodings, {
        marsIds,
        event: known.length === 0 ? event : undefined,
      });
      const budget = MAX_CARD_BYTES - jsonBytes([...safety, first]);
      const rest = codeCards(answer, known, event, budget, lookup);
      return fitMessage([...safety, first, ...rest]);
    }
    case 'off-topic':
      // Never hide what the matcher did find: the user may have meant one of them.
      return [offTopicCard(event, answer.entries.slice(0, MAX_CANDIDATES))];
    case 'empty':
      return [offTopicCard(event)];
  }
}

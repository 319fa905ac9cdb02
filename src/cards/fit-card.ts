import { MAX_CARD_BYTES, jsonBytes, type AdaptiveCard, type CardNode } from './types';

/**
 * Lists a card may shorten, in this order: what to collect (the bot's general advice), then the
 * parts of an answer's remediation from the last one back; the rows of a list card. Each is a
 * Container whose `items` are the list; what is cut gives way to one line that says where the
 * rest is. A part goes whole, its condition and warnings with it: nothing that qualifies an
 * action is ever cut while the action stays.
 */
export const TRIMMABLE: readonly { id: string; more: string }[] = [
  { id: 'collect', more: '… see the source article.' },
  { id: 'remediation', more: '… see the source article for the rest of the steps.' },
  { id: 'rows', more: '… more not shown: ask about one at a time.' },
];

/** Texts are cut to these lengths in turn when cutting lists was not enough. */
const TEXT_LIMITS = [4000, 2000, 1000, 500, 250, 120];
/** Elements never shortened: the title and the source line (the link itself is an action). */
const KEEP = new Set(['title', 'source']);

function isNode(x: unknown): x is CardNode {
  return typeof x === 'object' && x !== null && typeof (x as CardNode).type === 'string';
}

/** Every node under `root` (elements, columns, inlines, fallbacks), depth first. */
export function* nodes(root: unknown): Generator<CardNode> {
  if (Array.isArray(root)) {
    for (const x of root) yield* nodes(x);
  } else if (typeof root === 'object' && root !== null) {
    if (isNode(root)) yield root;
    for (const [key, value] of Object.entries(root)) if (key !== 'type') yield* nodes(value);
  }
}

function findById(body: CardNode[], id: string): CardNode | undefined {
  for (const n of nodes(body)) if (n.id === id) return n;
  return undefined;
}

function moreLine(id: string, text: string): CardNode {
  return { type: 'TextBlock', id: `${id}-more`, text, isSubtle: true, wrap: true };
}

/** Cuts a list from its end until the card fits; false when even the empty list does not fit. */
function trimList(card: AdaptiveCard, section: CardNode, id: string, more: string, max: number) {
  const items = section.items as CardNode[];
  // Sizes are updated by difference (an item and its comma) and measured again before stopping.
  let size = jsonBytes(card);
  let cut = false;
  while (size > max) {
    const kept = cut ? items.length - 1 : items.length;
    if (kept === 0) break;
    const [removed] = items.splice(kept - 1, 1);
    size -= jsonBytes(removed) + 1;
    if (!cut) {
      const line = moreLine(id, more);
      items.push(line);
      size += jsonBytes(line) + 1;
      cut = true;
    }
    if (size <= max) size = jsonBytes(card);
  }
  return size <= max;
}

function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  // NOTE: never end on a lone backslash: it would escape the ellipsis's neighbour.
  return text.slice(0, max - 1).replace(/\\+$/, (s) => (s.length % 2 ? s.slice(1) : s)) + '…';
}

function cutTexts(card: AdaptiveCard, max: number): boolean {
  for (const limit of TEXT_LIMITS) {
    for (const n of nodes(card.body)) {
      if (typeof n.id === 'string' && KEEP.has(n.id)) continue;
      if (typeof n.text === 'string') n.text = cutText(n.text, limit);
      if (typeof n.codeSnippet === 'string') n.codeSnippet = cutText(n.codeSnippet, limit);
      if (Array.isArray(n.facts))
        for (const f of n.facts as { value: string }[]) f.value = cutText(f.value, limit);
    }
    if (jsonBytes(card) <= max) return true;
  }
  return false;
}

/**
 * Returns the card, or a shorter copy of it that serializes within `maxBytes`: notes first,
 * then commands, then steps (each ending "… see the source article"), then long texts. Actions
 * are never touched, so the link to the source article stays. A card whose fixed parts alone
 * exceed the limit comes back as short as this can make it.
 */
export function fitCard(card: AdaptiveCard, maxBytes: number = MAX_CARD_BYTES): AdaptiveCard {
  if (jsonBytes(card) <= maxBytes) return card;
  const out = structuredClone(card);
  for (const { id, more } of TRIMMABLE) {
    const section = findById(out.body, id);
    if (!section || !Array.isArray(section.items)) continue;
    if (trimList(out, section, id, more, maxBytes)) return out;
  }
  cutTexts(out, maxBytes);
  return out;
}

import type { AdaptiveCard, CardNode } from './types';

/** The line that takes the place of the feedback buttons once someone has voted. */
export const FEEDBACK_THANKS = 'Thanks, your feedback was recorded.';

const isFeedbackFor = (entryId: string) => (a: unknown) => {
  const node = a as { type?: unknown; verb?: unknown; data?: { entryId?: unknown } } | null;
  return (
    node?.type === 'Action.Execute' && node.verb === 'feedback' && node.data?.entryId === entryId
  );
};

/** True when the card carries feedback buttons for this entry. */
export function hasFeedbackFor(card: AdaptiveCard, entryId: string): boolean {
  return JSON.stringify(card).includes('"verb":"feedback"') && countFeedback(card, entryId) > 0;
}

function countFeedback(card: AdaptiveCard, entryId: string): number {
  let n = card.actions?.filter(isFeedbackFor(entryId)).length ?? 0;
  walk(card.body, (node) => {
    if (node.type === 'ActionSet' && Array.isArray(node.actions))
      n += node.actions.filter(isFeedbackFor(entryId)).length;
  });
  return n;
}

function walk(nodes: unknown, visit: (node: CardNode) => void): void {
  if (!Array.isArray(nodes)) return;
  for (const n of nodes as CardNode[]) {
    if (!n || typeof n !== 'object') continue;
    visit(n);
    for (const key of ['items', 'columns', 'body'])
      walk((n as Record<string, unknown>)[key], visit);
  }
}

const thanks = (): CardNode => ({
  type: 'TextBlock',
  id: 'feedback',
  text: FEEDBACK_THANKS,
  wrap: true,
});

/**
 * The same card with its feedback buttons for `entryId` replaced by a thank-you line; nothing
 * else changes (an event summary, the "in your message" markers, the other buttons stay).
 */
export function withFeedbackRecorded(card: AdaptiveCard, entryId: string): AdaptiveCard {
  const out = structuredClone(card);
  const isFeedback = isFeedbackFor(entryId);
  let placed = false;
  // An ActionSet that held only the feedback pair becomes the thank-you line, in place.
  const replaceIn = (nodes: CardNode[]): CardNode[] =>
    nodes.map((n) => {
      if (n.type === 'ActionSet' && Array.isArray(n.actions) && n.actions.some(isFeedback)) {
        const rest = (n.actions as unknown[]).filter((a) => !isFeedback(a));
        if (rest.length) return { ...n, actions: rest };
        placed = true;
        return { ...thanks(), ...(n.spacing ? { spacing: n.spacing } : {}) };
      }
      if (n.type === 'TextBlock' && n.id === 'feedback') {
        placed = true;
        return thanks();
      }
      for (const key of ['items', 'columns'] as const)
        if (Array.isArray(n[key])) return { ...n, [key]: replaceIn(n[key] as CardNode[]) };
      return n;
    });
  out.body = replaceIn(out.body);
  if (Array.isArray(out.actions)) out.actions = out.actions.filter((a) => !isFeedback(a));
  if (!placed) out.body.push(thanks());
  return out;
}

import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** One of this bot's buttons, as its cards carry them (see src/cards/actions.ts). */
const OwnAction = z.object({
  type: z.literal('Action.Execute'),
  verb: z.enum(['feedback', 'show']),
  data: z.object({ entryId: z.string().min(1).max(200) }).passthrough(),
});

const Card = z.object({ type: z.literal('AdaptiveCard') }).passthrough();

/** Nodes looked at in one card at most: a card is under 40 KB, this bounds a hostile one. */
const MAX_NODES = 2000;

/** The first of this bot's buttons anywhere in a card (card actions or an ActionSet). */
function ownAction(card: unknown): string | null {
  const queue: unknown[] = [card];
  for (let seen = 0; queue.length && seen < MAX_NODES; seen++) {
    const node = queue.shift();
    if (!node || typeof node !== 'object') continue;
    const own = OwnAction.safeParse(node);
    if (own.success) return own.data.data.entryId;
    for (const value of Object.values(node as Record<string, unknown>))
      if (value && typeof value === 'object') queue.push(value);
  }
  return null;
}

/**
 * The entry of an answer card this bot made, when a message carries one: the search message
 * extension inserts the card into the compose box, and people send it on, to the bot too.
 * Null for any other attachment.
 */
export function ownCardEntry(activity: Partial<Activity>): string | null {
  for (const a of (activity.attachments ?? []).slice(0, 10)) {
    if (a?.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    if (!Card.safeParse(a.content).success) continue;
    const entryId = ownAction(a.content);
    if (entryId) return entryId;
  }
  return null;
}

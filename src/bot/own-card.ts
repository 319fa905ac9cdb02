import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** One of this bot's buttons, as its cards carry them (see src/cards/actions.ts). */
const OwnAction = z.object({
  type: z.literal('Action.Execute'),
  verb: z.enum(['feedback', 'show']),
  data: z.object({ entryId: z.string().min(1).max(200) }).passthrough(),
});

const Card = z.object({
  type: z.literal('AdaptiveCard'),
  actions: z.array(z.unknown()).max(50).optional(),
});

/**
 * The entry of an answer card this bot made, when a message carries one: the search message
 * extension inserts the card into the compose box, and people send it on, to the bot too.
 * Null for any other attachment.
 */
export function ownCardEntry(activity: Partial<Activity>): string | null {
  for (const a of (activity.attachments ?? []).slice(0, 10)) {
    if (a?.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    const card = Card.safeParse(a.content);
    if (!card.success) continue;
    for (const action of card.data.actions ?? []) {
      const own = OwnAction.safeParse(action);
      if (own.success) return own.data.data.entryId;
    }
  }
  return null;
}

import type { Activity, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards';
import type { BotServices } from './services';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/**
 * Sends a message and remembers its Adaptive Cards under the id Teams gave it, so a button
 * pressed on them later can change just its own part of the card.
 */
export async function sendRemembered(
  context: TurnContext,
  message: Partial<Activity>,
  services: Pick<BotServices, 'sent'>,
): Promise<void> {
  const sent = await context.sendActivity(message);
  const conversationId = context.activity.conversation?.id;
  const cards = (message.attachments ?? [])
    .filter((a) => a.contentType === ADAPTIVE)
    .map((a) => a.content as AdaptiveCard);
  if (sent?.id && conversationId && cards.length)
    services.sent.remember(conversationId, sent.id, cards);
}

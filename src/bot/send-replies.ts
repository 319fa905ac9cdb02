import type { TurnContext } from 'botbuilder';
import type { Reply } from './commands/command';
import { cardMessage } from './reply';
import { sendRemembered } from './send-remembered';
import type { BotServices } from './services';

/** Sends a route's replies in order: sentences as text, cards as one message each (remembered for votes). */
export async function sendReplies(
  context: TurnContext,
  replies: Reply[],
  services: Pick<BotServices, 'sent'>,
): Promise<void> {
  for (const reply of replies) {
    if (typeof reply === 'string') await context.sendActivity(reply);
    else await sendRemembered(context, cardMessage(reply.cards, reply.summary), services);
  }
}

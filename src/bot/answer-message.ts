import type { TurnContext } from 'botbuilder';
import { AppError } from '../errors';
import type { CachedAnswer } from '../answers';
import { cardMessage } from './reply';
import { sendRemembered } from './send-remembered';
import type { BotServices } from './services';

/** Answers a message from the knowledge: the answers layer decides, the bot sends. */
export async function answerMessage(
  context: TurnContext,
  text: string,
  services: BotServices,
): Promise<void> {
  let reply: CachedAnswer;
  try {
    reply = services.answers.reply(text);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    services.metrics.errors.inc({ code: err.code });
    await context.sendActivity(`I could not read that message: ${err.message}.`);
    return;
  }
  services.metrics.matches.inc({ outcome: reply.reason });
  services.answers.answered(reply, [context.activity.from?.name]);
  await sendRemembered(context, cardMessage(reply.tagged ?? reply.cards, reply.summary), services);
}

import type { TurnContext } from 'botbuilder';
import { cardForAnswer } from '../cards';
import { AppError } from '../errors';
import { cardMessage } from './reply';
import type { BotServices } from './services';

/** Answers a message from the knowledge: the matcher decides, the cards show it. */
export async function answerMessage(
  context: TurnContext,
  text: string,
  services: BotServices,
): Promise<void> {
  let answer;
  try {
    answer = services.matcher.ask(text);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    services.metrics.errors.inc({ code: err.code });
    await context.sendActivity(`I could not read that message: ${err.message}.`);
    return;
  }
  services.metrics.matches.inc({ outcome: answer.reason });
  if (answer.result.confident && answer.entries[0])
    services.store.recordAsked(answer.entries[0].id);
  const first = answer.entries[0];
  const summary = answer.result.confident && first ? first.title : undefined;
  await context.sendActivity(cardMessage(cardForAnswer(answer, services.entry), summary));
}

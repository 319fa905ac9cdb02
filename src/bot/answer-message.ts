import type { TurnContext } from 'botbuilder';
import { cardForAnswer } from '../cards';
import { AppError } from '../errors';
import type { CachedAnswer } from './answer-cache';
import { cardMessage } from './reply';
import { sendRemembered } from './send-remembered';
import type { BotServices } from './services';

/** Answers a message from the knowledge: the matcher decides, the cards show it. */
export async function answerMessage(
  context: TurnContext,
  text: string,
  services: BotServices,
): Promise<void> {
  let reply = services.answers.get(text);
  services.metrics.answerCache.inc({ result: reply ? 'hit' : 'miss' });
  if (!reply) {
    try {
      reply = services.answers.set(text, work(text, services));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      services.metrics.errors.inc({ code: err.code });
      await context.sendActivity(`I could not read that message: ${err.message}.`);
      return;
    }
  }
  services.metrics.matches.inc({ outcome: reply.reason });
  if (reply.gap) services.gaps?.turn(reply.gap, [context.activity.from?.name]);
  if (reply.asked) services.store.recordAsked(reply.asked);
  await sendRemembered(context, reply.message, services);
}

/** The reply to a message text, worked out by the matcher and the card templates. */
function work(text: string, services: BotServices): CachedAnswer {
  const answer = services.matcher.ask(text);
  const gaps = services.gaps;
  const gap = gaps?.describe(text, answer);
  const cards = cardForAnswer(answer, services.entry);
  const first = answer.entries[0];
  const asked = answer.result.verdict === 'answer' && first ? first : undefined;
  return {
    reason: answer.reason,
    verdict: answer.result.verdict,
    ...(asked ? { asked: asked.id } : {}),
    ...(gap ? { gap } : {}),
    message: cardMessage(gaps && gap ? gaps.tag(cards, gap) : cards, asked?.title),
  };
}

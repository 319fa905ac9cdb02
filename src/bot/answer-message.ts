import type { CachedAnswer } from '../answers';
import { AppError } from '../errors';
import type { Reply } from './commands/command';
import type { BotServices } from './services';

/**
 * The reply to a question: the answers layer decides (and records what the conversation was
 * given); the bot sends it. `name` is the sender's, which the gaps scrubber also removes.
 */
export function answerMessage(
  text: string,
  name: string | undefined,
  services: Pick<BotServices, 'answers' | 'metrics'>,
): Reply[] {
  let reply: CachedAnswer;
  try {
    reply = services.answers.reply(text);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    services.metrics.errors.inc({ code: err.code });
    return [`I could not read that message: ${err.message}.`];
  }
  services.metrics.matches.inc({ outcome: reply.reason });
  services.answers.answered(reply, [name]);
  return [
    { cards: reply.tagged ?? reply.cards, ...(reply.summary ? { summary: reply.summary } : {}) },
  ];
}

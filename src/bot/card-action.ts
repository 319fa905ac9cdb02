import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { votedCards } from '../answers';
import { FEEDBACK_THANKS } from '../cards';
import { cardMessage } from './reply';
import { sendRemembered } from './send-remembered';
import type { BotServices } from './services';

const CARD = 'application/vnd.microsoft.card.adaptive';
/** An invoke answer that leaves the card as it is and shows a short note. */
const MESSAGE = 'application/vnd.microsoft.activity.message';

function failure(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as never };
}

const note = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: MESSAGE,
  value: text as never,
});

/**
 * `Action.Execute` from the bot's cards (the `adaptiveCard/action` invoke). `show` opens an
 * entry (related entries, did-you-mean) as a new message, so the answer it came from stays in
 * the conversation; `feedback` records a vote and replaces only the feedback row of the card.
 */
export async function cardAction(
  context: TurnContext,
  value: AdaptiveCardInvokeValue,
  services: BotServices,
): Promise<AdaptiveCardInvokeResponse> {
  const verb = value?.action?.verb;
  const data: unknown = value?.action?.data;
  if (verb === 'show') {
    const opened = services.answers.open(data, [context.activity.from?.name]);
    if (!opened)
      return failure(
        400,
        'BadRequest',
        'That entry is not in the knowledge (it may have been removed).',
      );
    await sendRemembered(context, cardMessage([opened.card], opened.entry.title), services);
    return note(`Opened “${opened.entry.title.slice(0, 80)}” below.`);
  }
  if (verb === 'feedback') {
    const from = context.activity.from;
    const entry = services.answers.vote(data, {
      userId: from?.aadObjectId ?? from?.id ?? 'unknown',
      conversationId: context.activity.conversation?.id ?? 'unknown',
      ...(from?.name ? { name: from.name } : {}),
    });
    if (!entry)
      return failure(
        400,
        'BadRequest',
        'The feedback button sent data the bot does not recognise.',
      );
    return votedCard(context, entry.id, services);
  }
  return failure(
    400,
    'NotSupported',
    `The card action "${String(verb).slice(0, 40)}" is not one this bot offers.`,
  );
}

/**
 * The card the vote came from with its feedback row replaced. Teams names the message, not the
 * card: when the bot no longer holds it (a restart, a long-forgotten answer) the card stays as
 * it is and the person gets a short note, rather than a rebuilt card that lost its context.
 */
function votedCard(
  context: TurnContext,
  entryId: string,
  services: BotServices,
): AdaptiveCardInvokeResponse {
  const conversationId = context.activity.conversation?.id;
  const messageId = context.activity.replyToId;
  const cards = conversationId && messageId ? services.sent.get(conversationId, messageId) : null;
  const voted = cards ? votedCards(cards, entryId) : null;
  if (!voted) return note(FEEDBACK_THANKS);
  services.sent.remember(conversationId!, messageId!, voted.cards);
  return { statusCode: 200, type: CARD, value: voted.updated as never };
}

import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { votedCards } from '../answers';
import { FEEDBACK_THANKS } from '../cards';
import type { Reply, Sender } from './commands/command';
import type { BotServices } from './services';

const CARD = 'application/vnd.microsoft.card.adaptive';
/** An invoke answer that leaves the card as it is and shows a short note. */
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** What a card button sent, and from where: the narrow context of a card action. */
export interface CardActionContext {
  verb: unknown;
  data: unknown;
  user: Sender;
  conversationId?: string;
  /** The Teams id of the message whose card holds the button. */
  replyToId?: string;
}

/** The invoke's answer, and the messages to send before it. */
export interface CardActionResult {
  response: AdaptiveCardInvokeResponse;
  replies: Reply[];
}

function failure(statusCode: number, code: string, message: string): CardActionResult {
  const value = { code, message } as never;
  return {
    response: { statusCode, type: 'application/vnd.microsoft.error', value },
    replies: [],
  };
}

const note = (text: string, replies: Reply[] = []): CardActionResult => ({
  response: { statusCode: 200, type: MESSAGE, value: text as never },
  replies,
});

/**
 * `Action.Execute` from the bot's cards (the `adaptiveCard/action` invoke). `show` opens an
 * entry (related entries, did-you-mean) as a new message, so the answer it came from stays in
 * the conversation; `feedback` records a vote and replaces only the feedback row of the card.
 */
export function cardAction(
  action: CardActionContext,
  services: Pick<BotServices, 'answers' | 'sent'>,
): CardActionResult {
  const { verb, data, user } = action;
  if (verb === 'show') {
    const opened = services.answers.open(data, [user.name]);
    if (!opened)
      return failure(
        400,
        'BadRequest',
        'That entry is not in the knowledge (it may have been removed).',
      );
    return note(`Opened “${opened.entry.title.slice(0, 80)}” below.`, [
      { cards: [opened.card], summary: opened.entry.title },
    ]);
  }
  if (verb === 'feedback') {
    const entry = services.answers.vote(data, {
      userId: user.aadObjectId ?? user.id,
      conversationId: action.conversationId ?? 'unknown',
      ...(user.name ? { name: user.name } : {}),
    });
    if (!entry)
      return failure(
        400,
        'BadRequest',
        'The feedback button sent data the bot does not recognise.',
      );
    return votedCard(action, entry.id, services);
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
  { conversationId, replyToId }: CardActionContext,
  entryId: string,
  services: Pick<BotServices, 'sent'>,
): CardActionResult {
  const cards = conversationId && replyToId ? services.sent.get(conversationId, replyToId) : null;
  const voted = cards ? votedCards(cards, entryId) : null;
  if (!voted) return note(FEEDBACK_THANKS);
  services.sent.remember(conversationId!, replyToId!, voted.cards);
  return { response: { statusCode: 200, type: CARD, value: voted.updated as never }, replies: [] };
}

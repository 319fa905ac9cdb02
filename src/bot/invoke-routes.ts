import {
  StatusCodes,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionQuery,
} from 'botbuilder';
import { cardAction } from './card-action';
import { searchExtension } from './message-extension';
import { sendReplies } from './send-replies';
import type { Route } from './router';
import type { Turn } from './turn';

const invoke = (name: string) => (turn: Turn) =>
  turn.activity.type === 'invoke' && turn.activity.name === name;

/** An Adaptive Card invoke failure, as the Universal Actions protocol words it. */
function cardFailure(code: string, message: string): InvokeResponse {
  const body = {
    statusCode: StatusCodes.BAD_REQUEST,
    type: 'application/vnd.microsoft.error',
    value: { code, message },
  };
  return { status: StatusCodes.BAD_REQUEST, body };
}

/** `Action.Execute` from the bot's cards: `show` and `feedback` (see card-action.ts). */
const cardActions: Route = {
  name: 'card action',
  select: invoke('adaptiveCard/action'),
  async handle(turn) {
    // NOTE: the value arrives unchecked: its `action` must be an object of type Action.Execute.
    const value = turn.activity.value as { action?: unknown } | null | undefined;
    const action = value?.action as { type?: unknown } | null | undefined;
    if (typeof action !== 'object' || !action)
      return cardFailure('BadRequest', 'The card action carries no action.');
    if (action.type !== 'Action.Execute')
      return cardFailure('NotSupported', `The action '${String(action.type)}' is not supported.`);
    const { verb, data } = action as AdaptiveCardInvokeValue['action'];
    const conversationId = turn.activity.conversation?.id;
    const replyToId = turn.activity.replyToId;
    const { response, replies } = cardAction(
      {
        verb,
        data,
        user: turn.user,
        ...(conversationId ? { conversationId } : {}),
        ...(replyToId ? { replyToId } : {}),
      },
      turn.services,
    );
    // An opened entry goes out as a message of its own before the invoke is answered.
    await sendReplies(turn.context, replies, turn.services);
    return { status: response.statusCode, body: response };
  },
};

/** The search message extension (`composeExtension/query`); Teams wants it within 5 s. */
const search: Route = {
  name: 'search extension',
  select: invoke('composeExtension/query'),
  async handle(turn) {
    const query = turn.activity.value as MessagingExtensionQuery;
    return { status: StatusCodes.OK, body: searchExtension(query, turn.services) };
  },
};

/** Invokes the bot does not offer get a 400 with a reason, never a 5xx or a silent 501. */
const notOffered: Route = {
  name: 'invoke not offered',
  select: (turn) => turn.activity.type === 'invoke',
  async handle(turn) {
    const name = String(turn.activity.name ?? '');
    return {
      status: StatusCodes.BAD_REQUEST,
      body: {
        code: 'NotSupported',
        message: `This bot does not handle the "${name.slice(0, 60)}" invoke.`,
      },
    };
  },
};

/** The invoke routes, in the order they are tried. */
export const invokeRoutes: Route[] = [cardActions, search, notOffered];

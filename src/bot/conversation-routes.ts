import { welcomeCard } from '../cards';
import { forgetReference, saveReference } from './conversation-ref';
import type { Route } from './router';
import { sendReplies } from './send-replies';
import type { Turn } from './turn';

/** The welcome card, once per conversation. */
async function welcome({ context, services }: Turn): Promise<void> {
  const id = context.activity.conversation?.id;
  if (!id || !services.store.markWelcomed(id)) return;
  await sendReplies(context, [{ cards: [welcomeCard()], summary: 'What I can do' }], services);
}

const installation = (actions: string[]) => (turn: Turn) =>
  turn.activity.type === 'installationUpdate' && actions.includes(String(turn.activity.action));

/** The app installed in a chat or team: keep where it is, and say what the bot does. */
const installed: Route = {
  name: 'installed',
  select: installation(['add', 'add-upgrade']),
  async handle(turn) {
    await saveReference(turn.context, turn.services, true);
    await welcome(turn);
  },
};

/** The app removed: forget the conversation. */
const uninstalled: Route = {
  name: 'uninstalled',
  select: installation(['remove', 'remove-upgrade']),
  async handle(turn) {
    await forgetReference(turn.context, turn.services);
  },
};

/**
 * Members added or removed (or the conversation renamed): the bot removed forgets it, anything
 * else keeps it; the bot itself added is welcomed.
 */
const membersChanged: Route = {
  name: 'conversation update',
  select: (turn) => turn.activity.type === 'conversationUpdate',
  async handle(turn) {
    const { membersAdded, membersRemoved, recipient } = turn.activity;
    const me = recipient?.id;
    if (membersRemoved?.some((m) => m.id === me))
      await forgetReference(turn.context, turn.services);
    else await saveReference(turn.context, turn.services, true);
    if (membersAdded?.some((m) => m.id === me)) await welcome(turn);
  },
};

/** The conversation routes: installs, uninstalls and membership changes. */
export const conversationRoutes: Route[] = [installed, uninstalled, membersChanged];

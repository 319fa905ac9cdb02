import { TurnContext } from 'botbuilder';
import { Lru } from '../lru';
import type { BotServices } from './services';

/**
 * Conversations whose reference this process has stored recently (a message re-saves only
 * once); bounded, so a bot in many chats forgets the oldest and at worst saves one again.
 */
const saved = new Lru<string, true>(10_000);

/**
 * Keeps where this conversation can be reached again, for proactive notifications. A reference
 * that does not validate or a store that is down is logged; the turn goes on.
 */
export async function saveReference(
  context: TurnContext,
  services: BotServices,
  force: boolean,
): Promise<void> {
  const id = context.activity.conversation?.id;
  if (!id || (!force && saved.get(id))) return;
  try {
    const ref = JSON.parse(
      JSON.stringify(TurnContext.getConversationReference(context.activity)),
    ) as unknown;
    await services.refs.save(ref, services.now());
    saved.set(id, true);
  } catch (err) {
    services.log.warn({ activityId: context.activity.id, err }, 'conversation reference not saved');
  }
}

/** Forgets a conversation the bot was removed from. */
export async function forgetReference(context: TurnContext, services: BotServices): Promise<void> {
  const id = context.activity.conversation?.id;
  if (!id) return;
  saved.delete(id);
  try {
    await services.refs.remove(id);
  } catch (err) {
    services.log.warn(
      { activityId: context.activity.id, err },
      'conversation reference not removed',
    );
  }
}

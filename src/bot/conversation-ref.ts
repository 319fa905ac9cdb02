import { TurnContext } from 'botbuilder';
import type { BotServices } from './services';

/**
 * Keeps where this conversation can be reached again, for proactive notifications. A reference
 * that does not validate or a store that is down is logged; the turn goes on.
 */
export async function saveReference(
  context: TurnContext,
  services: BotServices,
  force: boolean,
): Promise<void> {
  if (!context.activity.conversation?.id) return;
  try {
    const ref = JSON.parse(
      JSON.stringify(TurnContext.getConversationReference(context.activity)),
    ) as unknown;
    // The store's own record of what it saved, which its removals clear (ConversationRefs).
    if (force) await services.refs.save(ref, services.now());
    else await services.refs.saveIfChanged(ref, services.now());
  } catch (err) {
    services.log.warn({ activityId: context.activity.id, err }, 'conversation reference not saved');
  }
}

/** Forgets a conversation the bot was removed from. */
export async function forgetReference(context: TurnContext, services: BotServices): Promise<void> {
  const id = context.activity.conversation?.id;
  if (!id) return;
  try {
    await services.refs.remove(id);
  } catch (err) {
    services.log.warn(
      { activityId: context.activity.id, err },
      'conversation reference not removed',
    );
  }
}

import type { Command } from './command';
import { shown, targetArgs, targetOrUsage } from './target-command';

const USAGE = 'unsubscribe <resource-group>/<sync-service>/<sync-group>';

/** `unsubscribe rg/service/group`: stop the notifications for a sync group here. */
export const unsubscribe: Command = {
  name: 'unsubscribe',
  usage: USAGE,
  description: 'Stop the notifications for a sync group in this chat or channel',
  match: (text) => targetArgs('unsubscribe', text),
  async run(context, [arg], services) {
    const target = await targetOrUsage(context, arg, USAGE);
    if (!target) return;
    const removed = await services.subscriptions.remove(context.activity.conversation.id, target);
    await context.sendActivity(
      removed
        ? `Unsubscribed from ${shown(target)}.`
        : `This conversation was not subscribed to ${shown(target)}.`,
    );
  },
};

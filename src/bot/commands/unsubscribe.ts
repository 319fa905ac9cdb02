import type { BotServices } from '../services';
import type { Command } from './command';
import { shown, targetArgs, targetOrUsage } from './target-command';

const USAGE = 'unsubscribe <resource-group>/<sync-service>/<sync-group>';

/** `unsubscribe rg/service/group`: stop the notifications for a sync group here. */
export const unsubscribe: Command<Pick<BotServices, 'subscriptions'>> = {
  name: 'unsubscribe',
  usage: USAGE,
  description: 'Stop the notifications for a sync group in this chat or channel',
  match: (text) => targetArgs('unsubscribe', text),
  async run(context, services) {
    const named = targetOrUsage(context.args[0] ?? '', USAGE);
    if (!('target' in named)) return [named.usage];
    const { target } = named;
    const removed = await services.subscriptions.remove(context.conversationId, target);
    return [
      removed
        ? `Unsubscribed from ${shown(target)}.`
        : `This conversation was not subscribed to ${shown(target)}.`,
    ];
  },
};

import { isAppError } from '../../errors';
import type { BotServices } from '../services';
import type { Command } from './command';
import { shown, targetArgs, targetOrUsage } from './target-command';

const USAGE = 'subscribe <resource-group>/<sync-service>/<sync-group>';

/** `subscribe rg/service/group`: this chat or channel gets a card when the sync group fails. */
export const subscribe: Command<Pick<BotServices, 'subscriptions' | 'refs' | 'log' | 'now'>> = {
  name: 'subscribe',
  usage: USAGE,
  description:
    'Send this chat or channel a card when a sync group starts failing, and when it recovers',
  match: (text) => targetArgs('subscribe', text),
  async run(context, services) {
    const named = targetOrUsage(context.args[0] ?? '', USAGE);
    if (!('target' in named)) return [named.usage];
    const { target } = named;
    const { user, activityId } = context;
    // Written whatever this process remembers: another instance may have dropped it after a 403.
    try {
      await services.refs.save(context.reference, services.now());
    } catch (err) {
      services.log.warn({ activityId, err }, 'conversation reference not saved');
    }
    let added: boolean;
    try {
      added = await services.subscriptions.add({
        conversationId: context.conversationId,
        target,
        by: {
          id: user.aadObjectId ?? user.id,
          ...(user.name ? { name: user.name.slice(0, 256) } : {}),
        },
        at: services.now().toISOString(),
      });
    } catch (err) {
      if (!isAppError(err, 'storage_unavailable')) throw err;
      services.log.warn({ activityId, err }, 'subscription not saved');
      return [
        `I could not save the subscription to ${shown(target)}: the bot's storage is unavailable right now, so nothing was subscribed. Try again in a few minutes.`,
      ];
    }
    return [
      added
        ? `Subscribed: failures of ${shown(target)} will be posted here.`
        : `This conversation is already subscribed to ${shown(target)}.`,
    ];
  },
};

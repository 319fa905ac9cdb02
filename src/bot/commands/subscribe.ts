import { AppError } from '../../errors';
import { saveReference } from '../conversation-ref';
import type { Command } from './command';
import { shown, targetArgs, targetOrUsage } from './target-command';

const USAGE = 'subscribe <resource-group>/<sync-service>/<sync-group>';

/** `subscribe rg/service/group`: this chat or channel gets a card when the sync group fails. */
export const subscribe: Command = {
  name: 'subscribe',
  usage: USAGE,
  description:
    'Send this chat or channel a card when a sync group starts failing, and when it recovers',
  match: (text) => targetArgs('subscribe', text),
  async run(context, [arg], services) {
    const target = await targetOrUsage(context, arg, USAGE);
    if (!target) return;
    const from = context.activity.from;
    // Written whatever this process remembers: another instance may have dropped it after a 403.
    await saveReference(context, services, true);
    let added: boolean;
    try {
      added = await services.subscriptions.add({
        conversationId: context.activity.conversation.id,
        target,
        by: {
          id: from?.aadObjectId ?? from?.id ?? 'unknown',
          ...(from?.name ? { name: from.name.slice(0, 256) } : {}),
        },
        at: services.now().toISOString(),
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'storage_unavailable') throw err;
      services.log.warn({ activityId: context.activity.id, err }, 'subscription not saved');
      await context.sendActivity(
        `I could not save the subscription to ${shown(target)}: the bot's storage is unavailable right now, so nothing was subscribed. Try again in a few minutes.`,
      );
      return;
    }
    await context.sendActivity(
      added
        ? `Subscribed: failures of ${shown(target)} will be posted here.`
        : `This conversation is already subscribed to ${shown(target)}.`,
    );
  },
};

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
    const added = await services.subscriptions.add({
      conversationId: context.activity.conversation.id,
      target,
      by: {
        id: from?.aadObjectId ?? from?.id ?? 'unknown',
        ...(from?.name ? { name: from.name.slice(0, 256) } : {}),
      },
      at: services.now().toISOString(),
    });
    await context.sendActivity(
      added
        ? `Subscribed: failures of ${shown(target)} will be posted here.`
        : `This conversation is already subscribed to ${shown(target)}.`,
    );
  },
};

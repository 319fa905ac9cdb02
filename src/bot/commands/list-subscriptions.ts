import { escapeMarkdown } from '../../cards';
import type { Command } from './command';
import { shown } from './target-command';

/** `subscriptions`: the sync groups this chat or channel follows, who subscribed and when. */
export const listSubscriptions: Command = {
  name: 'subscriptions',
  usage: 'subscriptions',
  description: 'The sync groups this chat or channel is subscribed to',
  match: (text) => (/^\/?subscriptions\s*$/i.test(text.trim()) ? [] : null),
  async run(context, _args, services) {
    const subs = await services.subscriptions.ofConversation(context.activity.conversation.id);
    if (subs.length === 0) {
      await context.sendActivity(
        'No subscriptions here. Add one with: subscribe <resource-group>/<sync-service>/<sync-group>',
      );
      return;
    }
    const lines = subs.map(
      (s) =>
        `- ${shown(s.target)}, by ${escapeMarkdown(s.by.name ?? s.by.id)} on ${s.at.slice(0, 10)}`,
    );
    await context.sendActivity(`Subscriptions here:\n\n${lines.join('\n')}`);
  },
};

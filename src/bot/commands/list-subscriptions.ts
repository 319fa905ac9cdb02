import { escapeMarkdown } from '../../cards';
import type { BotServices } from '../services';
import type { Command } from './command';
import { shown } from './target-command';

/** `subscriptions`: the sync groups this chat or channel follows, who subscribed and when. */
export const listSubscriptions: Command<Pick<BotServices, 'subscriptions'>> = {
  name: 'subscriptions',
  usage: 'subscriptions',
  description: 'The sync groups this chat or channel is subscribed to',
  match: (text) => (/^\/?subscriptions\s*$/i.test(text.trim()) ? [] : null),
  async run(context, services) {
    const subs = await services.subscriptions.ofConversation(context.conversationId);
    if (subs.length === 0)
      return [
        'No subscriptions here. Add one with: subscribe <resource-group>/<sync-service>/<sync-group>',
      ];
    const lines = subs.map(
      (s) =>
        `- ${shown(s.target)}, by ${escapeMarkdown(s.by.name ?? s.by.id)} on ${s.at.slice(0, 10)}`,
    );
    return [`Subscriptions here:\n\n${lines.join('\n')}`];
  },
};

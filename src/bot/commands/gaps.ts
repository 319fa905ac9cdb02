import { gapsCard } from '../../cards';
import { clusterGaps } from '../../gaps/cluster';
import type { BotServices } from '../services';
import type { Command } from './command';

/** `gaps`: for the maintainers in GAPS_ADMINS, the questions the bot could not answer, clustered. */
export const gaps: Command<Pick<BotServices, 'gaps' | 'matcher' | 'log'>> = {
  name: 'gaps',
  usage: 'gaps',
  description:
    'For the knowledge maintainers (GAPS_ADMINS): questions the bot could not answer, grouped',
  match: (text) => (/^\/?gaps\s*$/i.test(text.trim()) ? [] : null),
  async run(context, services) {
    const recorder = services.gaps;
    if (!recorder)
      return [
        'Knowledge gaps are not being recorded here. The team that runs this bot can turn it on with GAPS_RETENTION_DAYS.',
      ];
    const { authenticated } = context;
    if (!recorder.isAdmin(context.user.aadObjectId, authenticated)) {
      services.log.info(
        { activityId: context.activityId, authenticated },
        'gaps refused: not an admin',
      );
      return [
        'The gaps command is for the knowledge maintainers listed in GAPS_ADMINS, on a bot that authenticates its requests (MicrosoftAppId set).',
      ];
    }
    const { records } = await recorder.options.store.list();
    const card = gapsCard(clusterGaps(records), {
      questions: records.length,
      retentionDays: recorder.options.retentionDays,
      title: (id) => services.matcher.entry(id)?.title,
    });
    return [{ cards: [card], summary: 'Knowledge gaps' }];
  },
};

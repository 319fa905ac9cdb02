import type { TurnContext } from 'botbuilder';
import { gapsCard } from '../../cards';
import { clusterGaps } from '../../gaps/cluster';
import { cardMessage } from '../reply';
import type { Command } from './command';

/**
 * Whether the turn's request was authenticated: the adapter validated a Bot Framework token.
 * Without an app id the SDK marks every request "anonymous", and anyone could claim any object id.
 */
function authenticated(context: TurnContext): boolean {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as
    { isAuthenticated?: boolean; authenticationType?: unknown } | undefined;
  return !!identity?.isAuthenticated && identity.authenticationType !== 'anonymous';
}

/** `gaps`: for the maintainers in GAPS_ADMINS, the questions the bot could not answer, clustered. */
export const gaps: Command = {
  name: 'gaps',
  usage: 'gaps',
  description:
    'For the knowledge maintainers (GAPS_ADMINS): questions the bot could not answer, grouped',
  match: (text) => (/^\/?gaps\s*$/i.test(text.trim()) ? [] : null),
  async run(context, _args, services) {
    const recorder = services.gaps;
    if (!recorder) {
      await context.sendActivity(
        'Knowledge gaps are not being recorded here. The team that runs this bot can turn it on with GAPS_RETENTION_DAYS.',
      );
      return;
    }
    const from = context.activity.from;
    if (!recorder.isAdmin(from?.aadObjectId, authenticated(context))) {
      services.log.info(
        { activityId: context.activity.id, authenticated: authenticated(context) },
        'gaps refused: not an admin',
      );
      await context.sendActivity(
        'The gaps command is for the knowledge maintainers listed in GAPS_ADMINS, on a bot that authenticates its requests (MicrosoftAppId set).',
      );
      return;
    }
    const { records } = await recorder.options.store.list();
    const card = gapsCard(clusterGaps(records), {
      questions: records.length,
      retentionDays: recorder.options.retentionDays,
      title: (id) => services.answers.entry(id)?.title,
    });
    await context.sendActivity(cardMessage([card], 'Knowledge gaps'));
  },
};

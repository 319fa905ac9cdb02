import { healthCard } from '../../cards';
import type { SyncGroupHealth } from '../../health';
import { isAppError } from '../../errors';
import type { BotServices } from '../services';
import type { Command } from './command';
import { HEALTH_NOT_LINKED_LOG, explainWith, healthFailureText } from './health-reply';
import { shown, targetArgs, targetOrUsage } from './target-command';

const USAGE = 'status <resource-group>/<sync-service>/<sync-group>';

/** `status rg/service/group`: live health of a sync group's server endpoints. */
export const status: Command<Pick<BotServices, 'health' | 'matcher' | 'log'>> = {
  name: 'status',
  usage: USAGE,
  description: "A sync group's live health: each server endpoint's result, explained",
  match: (text) => targetArgs('status', text),
  async run(context, services) {
    const named = targetOrUsage(context.args[0] ?? '', USAGE);
    if (!('target' in named)) return [named.usage];
    const { target } = named;
    let health: SyncGroupHealth;
    try {
      health = await services.health.syncGroup(target);
    } catch (err) {
      const text = healthFailureText(err, shown(target));
      if (text === null) throw err;
      if (isAppError(err, 'health_not_linked'))
        services.log.warn(
          { activityId: context.activityId, setting: 'HEALTH_PROVIDER' },
          HEALTH_NOT_LINKED_LOG,
        );
      return [text];
    }
    return [
      { cards: [healthCard(health, explainWith(services.matcher))], summary: 'Sync group health' },
    ];
  },
};

import { healthCard } from '../../cards';
import type { SyncGroupHealth } from '../../health';
import { cardMessage } from '../reply';
import type { Command } from './command';
import { AppError } from '../../errors';
import { HEALTH_NOT_LINKED_LOG, explainWith, healthFailureText } from './health-reply';
import { shown, targetArgs, targetOrUsage } from './target-command';

const USAGE = 'status <resource-group>/<sync-service>/<sync-group>';

/** `status rg/service/group`: live health of a sync group's server endpoints. */
export const status: Command = {
  name: 'status',
  usage: USAGE,
  description: "A sync group's live health: each server endpoint's result, explained",
  match: (text) => targetArgs('status', text),
  async run(context, [arg], services) {
    const target = await targetOrUsage(context, arg, USAGE);
    if (!target) return;
    let health: SyncGroupHealth;
    try {
      health = await services.health.syncGroup(target);
    } catch (err) {
      const text = healthFailureText(err, shown(target));
      if (text === null) throw err;
      if (err instanceof AppError && err.code === 'health_not_linked')
        services.log.warn(
          { activityId: context.activity.id, setting: 'HEALTH_PROVIDER' },
          HEALTH_NOT_LINKED_LOG,
        );
      await context.sendActivity(text);
      return;
    }
    const card = healthCard(health, explainWith(services.matcher));
    await context.sendActivity(cardMessage([card], 'Sync group health'));
  },
};

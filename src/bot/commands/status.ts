import type { Command } from './command';
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
    if (services.healthProvider === 'none') {
      await context.sendActivity(
        `No health API is linked, so I cannot read ${shown(target)} live. ` +
          'Set HEALTH_PROVIDER=azure (with a managed identity that has Reader on the Storage Sync Service) or HEALTH_PROVIDER=http, then restart the bot.',
      );
      return;
    }
    await context.sendActivity(
      `Reading live health for ${shown(target)} is not available in this version yet.`,
    );
  },
};

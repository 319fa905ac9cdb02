import { HealthError } from './health-error';
import type { HealthProvider } from './types';

/** The provider while no health API is linked: every read says how to link one. */
export const noneProvider: HealthProvider = {
  kind: 'none',
  syncGroup: async () => {
    throw new HealthError(
      'health_not_linked',
      'no health API is linked: set HEALTH_PROVIDER=azure with AZURE_SUBSCRIPTION_ID (and give the bot identity Reader on the Storage Sync Service), or HEALTH_PROVIDER=http with HEALTH_API_URL, then restart the bot',
    );
  },
};

import type { Config } from '../config';
import type { Logger } from '../log';
import type { KvStore } from '../storage/kv-store';
import { GapStore } from './gap-store';
import { Gaps } from './gaps';

/** The gaps recorder the config asks for: `{ gaps }` with GAPS_RETENTION_DAYS set, else nothing. */
export function createGaps(config: Config, kv: KvStore, log: Logger): { gaps?: Gaps } {
  if (config.gapsRetentionDays <= 0) return {};
  return {
    gaps: new Gaps({
      store: new GapStore(kv),
      retentionDays: config.gapsRetentionDays,
      admins: config.gapsAdmins,
      log: log.child({ component: 'gaps' }),
      now: () => new Date(),
    }),
  };
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { KvStore } from '../storage/kv-store';
import { targetKey, type SyncGroupTarget } from '../health/sync-group-target';

/** What the poller remembers of one failing (endpoint, direction) between polls. */
export const EpisodeState = z
  .object({
    episode: z.string(),
    endpointId: z.string(),
    endpointName: z.string(),
    server: z.string().nullable(),
    direction: z.enum(['upload', 'download']),
    hresult: z.string().nullable(),
    firstSeen: z.string(),
    /** Conversations told of it; null while it has not lasted long enough to tell. */
    notifiedTo: z.array(z.string()).nullable(),
  })
  .strict();
export type EpisodeState = z.infer<typeof EpisodeState>;

/** A short stable digest for keys: ids hold characters keys may not. */
export const digest = (text: string): string =>
  createHash('sha256').update(text).digest('base64url').slice(0, 22);

const prefixOf = (target: SyncGroupTarget) => `poll/${targetKey(target)}/`;

/** Open failure episodes per sync group, in the key/value store (they survive restarts). */
export class PollState {
  constructor(private readonly kv: KvStore) {}

  key(target: SyncGroupTarget, endpointId: string, direction: string): string {
    return `${prefixOf(target)}${digest(endpointId.toLowerCase())}-${direction}`;
  }

  /** Every episode stored for a sync group, by key; unreadable ones are dropped. */
  async all(target: SyncGroupTarget): Promise<Map<string, EpisodeState>> {
    const out = new Map<string, EpisodeState>();
    for (const key of await this.kv.list(prefixOf(target))) {
      const stored = await this.kv.read(key);
      const parsed = stored ? EpisodeState.safeParse(stored.value) : null;
      if (parsed?.success) out.set(key, parsed.data);
      else await this.kv.delete(key);
    }
    return out;
  }

  async put(key: string, state: EpisodeState): Promise<void> {
    await this.kv.write(key, state);
  }

  async remove(key: string): Promise<void> {
    await this.kv.delete(key);
  }
}

import { hexOf } from '../knowledge/hresult';
import type { DirectionHealth, SyncGroupHealth } from '../health/types';

/** A direction of a server endpoint that is failing now. */
export interface CurrentFailure {
  endpointId: string;
  endpointName: string;
  server: string | null;
  direction: 'upload' | 'download';
  /** `0x…` of the last sync result; null when the API reports an error health without a code. */
  hresult: string | null;
  /**
   * The last success before the failure: the same for every poll of one failure, so it names the
   * episode even across restarts. Null when the endpoint never synced.
   */
  lastSuccess: string | null;
}

/** Failing: the API says `Error`, or the last session ended with a failure HRESULT while not healthy. */
function failing(d: DirectionHealth): boolean {
  if (d.health === 'Error') return true;
  // NOTE: lastSyncResult is a signed 32-bit HRESULT: failures are negative.
  return d.lastSyncResult !== null && d.lastSyncResult < 0 && d.health !== 'Healthy';
}

/** Every failing (endpoint, direction) of a sync group. */
export function failuresOf(health: SyncGroupHealth): CurrentFailure[] {
  const out: CurrentFailure[] = [];
  for (const ep of health.endpoints) {
    for (const direction of ['upload', 'download'] as const) {
      const d = ep[direction];
      if (!failing(d)) continue;
      out.push({
        endpointId: ep.id,
        endpointName: ep.serverLocalPath ?? ep.name,
        server: ep.serverName,
        direction,
        hresult: d.lastSyncResult !== null && d.lastSyncResult < 0 ? hexOf(d.lastSyncResult) : null,
        lastSuccess: d.lastSyncSuccessTimestamp,
      });
    }
  }
  return out;
}

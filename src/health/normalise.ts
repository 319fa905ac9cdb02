import type { ServerEndpointResource } from './schema';
import type { DirectionHealth, EndpointHealth, SyncProgress } from './types';

type Status = NonNullable<ServerEndpointResource['properties']['syncStatus']>;
type Direction = Status['uploadStatus'];
type Activity = Status['uploadActivity'];

/** NOTE: lastSyncResult is a signed 32-bit HRESULT; an unsigned spelling is folded to it. */
export const signed32 = (n: number | null | undefined): number | null =>
  n === null || n === undefined ? null : n | 0;

const n0 = (n: number | null | undefined): number => n ?? 0;

function progressOf(a: Activity): SyncProgress | null {
  if (!a) return null;
  return {
    appliedItemCount: n0(a.appliedItemCount),
    totalItemCount: n0(a.totalItemCount),
    appliedBytes: n0(a.appliedBytes),
    totalBytes: n0(a.totalBytes),
    perItemErrorCount: n0(a.perItemErrorCount),
    timestamp: a.timestamp ?? null,
  };
}

function directionOf(
  health: string | null | undefined,
  d: Direction,
  a: Activity,
): DirectionHealth {
  return {
    health: health ?? 'Unavailable',
    lastSyncResult: signed32(d?.lastSyncResult),
    lastSyncTimestamp: d?.lastSyncTimestamp ?? null,
    lastSyncSuccessTimestamp: d?.lastSyncSuccessTimestamp ?? null,
    lastSyncPerItemErrorCount: n0(d?.lastSyncPerItemErrorCount),
    persistentFilesNotSyncingCount: n0(d?.persistentFilesNotSyncingCount),
    transientFilesNotSyncingCount: n0(d?.transientFilesNotSyncingCount),
    filesNotSyncingErrors: (d?.filesNotSyncingErrors ?? [])
      .filter((e) => e.errorCode !== null && e.errorCode !== undefined)
      .map((e) => ({
        errorCode: e.errorCode! | 0,
        persistentCount: n0(e.persistentCount),
        transientCount: n0(e.transientCount),
      })),
    progress: progressOf(a),
  };
}

/**
 * One server endpoint as the bot reasons about it. A missing `syncStatus` (an endpoint still
 * being created) reads as `Unavailable` with no results rather than failing the whole group.
 */
export function normaliseEndpoint(r: ServerEndpointResource): EndpointHealth {
  const s = r.properties.syncStatus;
  return {
    id: r.id,
    name: r.name,
    serverName: r.properties.serverName ?? null,
    serverLocalPath: r.properties.serverLocalPath ?? null,
    combinedHealth: s?.combinedHealth ?? 'Unavailable',
    syncActivity: s?.syncActivity ?? null,
    upload: directionOf(s?.uploadHealth, s?.uploadStatus, s?.uploadActivity),
    download: directionOf(s?.downloadHealth, s?.downloadStatus, s?.downloadActivity),
    lastUpdatedTimestamp: s?.lastUpdatedTimestamp ?? null,
  };
}

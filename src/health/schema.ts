import { z } from 'zod';

/**
 * The server-endpoint list of the Storage Sync management API (2022-09-01), as JSON on the
 * wire. Only what the bot reads is checked; unknown properties pass (the API adds fields).
 * Both the `azure` and the `http` provider validate every page against this.
 */

const count = z.number().int().nonnegative().nullish();
const text = z.string().nullish();
/** NOTE: HRESULTs arrive signed (-2134364065) but some tools write them unsigned (2160603231). */
const hresult = z.number().int().min(-0x8000_0000).max(0xffff_ffff).nullish();

const FilesNotSyncingError = z.object({
  errorCode: hresult,
  persistentCount: count,
  transientCount: count,
});

const DirectionStatus = z.object({
  lastSyncResult: hresult,
  lastSyncTimestamp: text,
  lastSyncSuccessTimestamp: text,
  lastSyncPerItemErrorCount: count,
  persistentFilesNotSyncingCount: count,
  transientFilesNotSyncingCount: count,
  filesNotSyncingErrors: z.array(FilesNotSyncingError).nullish(),
});

const Activity = z.object({
  timestamp: text,
  perItemErrorCount: count,
  appliedItemCount: count,
  totalItemCount: count,
  appliedBytes: count,
  totalBytes: count,
});

const SyncStatus = z.object({
  downloadHealth: text,
  uploadHealth: text,
  combinedHealth: text,
  syncActivity: text,
  totalPersistentFilesNotSyncingCount: count,
  lastUpdatedTimestamp: text,
  uploadStatus: DirectionStatus.nullish(),
  downloadStatus: DirectionStatus.nullish(),
  uploadActivity: Activity.nullish(),
  downloadActivity: Activity.nullish(),
  offlineDataTransferStatus: text,
});

/** One server endpoint resource. */
export const ServerEndpointResource = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  properties: z.object({
    serverName: text,
    serverLocalPath: text,
    friendlyName: text,
    syncStatus: SyncStatus.nullish(),
  }),
});
export type ServerEndpointResource = z.infer<typeof ServerEndpointResource>;

/** One page of `serverEndpoints` (the SDK drops `nextLink`; the providers follow it). */
export const ServerEndpointPage = z.object({
  value: z.array(ServerEndpointResource),
  nextLink: z.string().nullish(),
});
export type ServerEndpointPage = z.infer<typeof ServerEndpointPage>;

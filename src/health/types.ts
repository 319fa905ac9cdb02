import type { SyncGroupTarget } from './sync-group-target';

/** Health as the Storage Sync API reports it (`Healthy`, `Error`, `NoActivity`, `Unavailable`, …). */
export type HealthState = string;

/** A per-item error count of one direction: files not syncing, by error code. */
export interface FilesNotSyncingError {
  /** NOTE: a signed 32-bit HRESULT, as the API reports it. */
  errorCode: number;
  persistentCount: number;
  transientCount: number;
}

/** Progress of a sync session running now, in one direction. */
export interface SyncProgress {
  appliedItemCount: number;
  totalItemCount: number;
  appliedBytes: number;
  totalBytes: number;
  perItemErrorCount: number;
  timestamp: string | null;
}

/** Upload or download status of one server endpoint. */
export interface DirectionHealth {
  health: HealthState;
  /** NOTE: a signed 32-bit HRESULT (0 is success); null when the API gives none. */
  lastSyncResult: number | null;
  lastSyncTimestamp: string | null;
  lastSyncSuccessTimestamp: string | null;
  lastSyncPerItemErrorCount: number;
  persistentFilesNotSyncingCount: number;
  transientFilesNotSyncingCount: number;
  filesNotSyncingErrors: FilesNotSyncingError[];
  /** Set while a session runs in this direction. */
  progress: SyncProgress | null;
}

/** One server endpoint of a sync group, normalised from the API's `syncStatus`. */
export interface EndpointHealth {
  /** ARM resource id of the server endpoint (stable: the poller keys its state on it). */
  id: string;
  name: string;
  serverName: string | null;
  serverLocalPath: string | null;
  combinedHealth: HealthState;
  /** `Upload`, `Download`, `UploadAndDownload` or null. */
  syncActivity: string | null;
  upload: DirectionHealth;
  download: DirectionHealth;
  lastUpdatedTimestamp: string | null;
}

/** Every server endpoint of a sync group, as read at `fetchedAt`. */
export interface SyncGroupHealth {
  target: SyncGroupTarget;
  endpoints: EndpointHealth[];
  fetchedAt: string;
}

/**
 * Where live health comes from: the Storage Sync management API (`azure`), a JSON endpoint in
 * the same shape (`http`), or nothing (`none`). Calls have a deadline, retries and a circuit
 * breaker; failures are AppErrors with `health_*` codes.
 */
export interface HealthProvider {
  readonly kind: 'azure' | 'http' | 'none';
  syncGroup(target: SyncGroupTarget, signal?: AbortSignal): Promise<SyncGroupHealth>;
}

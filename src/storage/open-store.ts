import type Database from 'better-sqlite3';
import type { ContainerClient } from '@azure/storage-blob';
import type { Config } from '../config';
import type { KvStore } from './kv-store';
import type { Logger } from '../log';
import { SingleInstance, type Leadership } from './single-instance';
import { SqliteKvStore } from './sqlite-kv-store';

/** The container the bot keeps its state in when STORAGE=azure-blob. */
export const BLOB_CONTAINER = 'afsbot-state';

/**
 * The state container. The SDK's own retries are kept short: every call has its deadline
 * anyway (STORAGE_DEADLINE_MS), and a refused connection should fail in well under a second
 * rather than wait out seconds of backoff inside a turn.
 */
async function stateContainer(connectionString: string): Promise<ContainerClient> {
  // Loaded only when used: the Azure SDK adds a fifth to the start-up time.
  const { BlobServiceClient } = await import('@azure/storage-blob');
  return BlobServiceClient.fromConnectionString(connectionString, {
    retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
  }).getContainerClient(BLOB_CONTAINER);
}

/** The key/value store the config names: SQLite (the embedded default) or Azure Blob. */
export async function openKvStore(
  config: Config,
  db: Database.Database,
  log?: Logger,
): Promise<KvStore> {
  if (config.storage === 'azure-blob' && config.azureStorageConnectionString) {
    const { BlobKvStore } = await import('./blob-kv-store');
    const container = await stateContainer(config.azureStorageConnectionString);
    return new BlobKvStore(container, { log }).init();
  }
  return new SqliteKvStore(db);
}

/**
 * Who polls and sends: with Azure Blob several instances may share the state, and a blob lease
 * elects one; SQLite belongs to one process, which always leads.
 */
export async function openLeadership(config: Config, log: Logger): Promise<Leadership> {
  if (config.storage === 'azure-blob' && config.azureStorageConnectionString) {
    const { BlobLeaseLeadership } = await import('./leadership');
    const container = await stateContainer(config.azureStorageConnectionString);
    return new BlobLeaseLeadership(container, log, { seconds: config.leaseSeconds });
  }
  return new SingleInstance();
}

import type Database from 'better-sqlite3';
import type { Config } from '../config';
import type { KvStore } from './kv-store';
import type { Logger } from '../log';
import { SingleInstance, type Leadership } from './leadership';
import { SqliteKvStore } from './sqlite-kv-store';

/** The container the bot keeps its state in when STORAGE=azure-blob. */
export const BLOB_CONTAINER = 'afsbot-state';

/** The key/value store the config names: SQLite (the embedded default) or Azure Blob. */
export async function openKvStore(config: Config, db: Database.Database): Promise<KvStore> {
  if (config.storage === 'azure-blob' && config.azureStorageConnectionString) {
    // Loaded only when used: the Azure SDK adds a fifth to the start-up time.
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const { BlobKvStore } = await import('./blob-kv-store');
    const service = BlobServiceClient.fromConnectionString(config.azureStorageConnectionString);
    return new BlobKvStore(service.getContainerClient(BLOB_CONTAINER)).init();
  }
  return new SqliteKvStore(db);
}

/**
 * Who polls: with Azure Blob several instances may share the state, and a blob lease elects
 * one; SQLite belongs to one process, which always leads.
 */
export async function openLeadership(config: Config, log: Logger): Promise<Leadership> {
  if (config.storage === 'azure-blob' && config.azureStorageConnectionString) {
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const { BlobLeaseLeadership } = await import('./leadership');
    const service = BlobServiceClient.fromConnectionString(config.azureStorageConnectionString);
    return new BlobLeaseLeadership(service.getContainerClient(BLOB_CONTAINER), log);
  }
  return new SingleInstance();
}

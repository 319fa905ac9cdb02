import { isAppError } from '../errors';
import type { KvStore } from './kv-store';

/**
 * Writes `value` under `key` only while the key is as the caller last saw it: still at `etag`,
 * or still absent when `etag` is null. False when another writer got there first (the store's
 * `storage_conflict`); every other failure is thrown.
 */
export async function writeIfUnchanged(
  kv: KvStore,
  key: string,
  value: unknown,
  etag: string | null,
): Promise<boolean> {
  try {
    await kv.write(key, value, { ifMatch: etag });
    return true;
  } catch (err) {
    if (isAppError(err, 'storage_conflict')) return false;
    throw err;
  }
}

/** Creates `key` with `value` unless it exists; false when it already did. */
export function createIfAbsent(kv: KvStore, key: string, value: unknown): Promise<boolean> {
  return writeIfUnchanged(kv, key, value, null);
}

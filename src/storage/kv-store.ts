import { AppError } from '../errors';

/** A stored value and the tag that changes whenever it is written. */
export interface Stored<T = unknown> {
  value: T;
  etag: string;
}

/**
 * The key/value contract every store implements (SQLite, Azure Blob). Writes can be made
 * conditional on an eTag, so two writers never silently overwrite each other:
 * `ifMatch: etag` writes only over that version, `ifMatch: null` only when the key is absent.
 */
export interface KvStore {
  read<T = unknown>(key: string): Promise<Stored<T> | null>;
  /** Returns the new eTag; throws AppError `storage_conflict` when the condition fails. */
  write(key: string, value: unknown, options?: { ifMatch?: string | null }): Promise<string>;
  /** True when something was deleted; `ifMatch` as for write. */
  delete(key: string, options?: { ifMatch?: string }): Promise<boolean>;
  /** Keys that start with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
}

/** Longest key and largest value a store accepts. */
export const MAX_KEY_LENGTH = 512;
export const MAX_VALUE_BYTES = 1024 * 1024;

// eslint-disable-next-line no-control-regex -- control characters are what keys may not hold
const CONTROL = /[\u0000-\u001f]/;

/** Checks a key and serializes a value, with errors that say what is wrong. */
export function checkEntry(key: string, value?: unknown): string | undefined {
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    CONTROL.test(key)
  ) {
    throw new AppError(
      'storage_value_invalid',
      `a storage key must be 1 to ${MAX_KEY_LENGTH} printable characters`,
    );
  }
  if (arguments.length < 2) return undefined;
  const json = JSON.stringify(value);
  if (json === undefined)
    throw new AppError('storage_value_invalid', `the value for ${key} cannot be stored as JSON`);
  if (Buffer.byteLength(json) > MAX_VALUE_BYTES) {
    throw new AppError(
      'storage_value_invalid',
      `the value for ${key} is over ${MAX_VALUE_BYTES} bytes`,
    );
  }
  return json;
}

/** The error a failed eTag condition raises, the same for every store. */
export function conflict(key: string): AppError {
  return new AppError(
    'storage_conflict',
    `${key} was changed by another writer (eTag mismatch); read it again and retry`,
  );
}

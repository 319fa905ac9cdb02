import type { KvStore } from '../../src/storage/kv-store';

/** A real store that counts the calls made to it, key by key. */
export interface CountingStore extends KvStore {
  /** How many times `key` was read (or written) since the last `reset`. */
  reads(key: string): number;
  writes(key: string): number;
  reset(): void;
}

/** Wraps `kv` (SQLite or Blob, unchanged) so a test can count what a path reads and writes. */
export function countingStore(kv: KvStore): CountingStore {
  let reads = new Map<string, number>();
  let writes = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  return {
    read: (key) => (bump(reads, key), kv.read(key)),
    write: (key, value, options) => (bump(writes, key), kv.write(key, value, options)),
    delete: (key, options) => kv.delete(key, options),
    list: (prefix) => kv.list(prefix),
    ping: () => kv.ping(),
    reads: (key) => reads.get(key) ?? 0,
    writes: (key) => writes.get(key) ?? 0,
    reset: () => {
      reads = new Map();
      writes = new Map();
    },
  };
}

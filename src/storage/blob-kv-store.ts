import { RestError, type ContainerClient } from '@azure/storage-blob';
import { AppError } from '../errors';
import { checkEntry, conflict, type KvStore, type Stored } from './kv-store';

/** Every storage call has a deadline: a hung request must not hold a turn. */
const DEADLINE_MS = 5000;

const status = (err: unknown) => (err instanceof RestError ? err.statusCode : undefined);

function unavailable(err: unknown): AppError {
  return new AppError(
    'storage_unavailable',
    `Azure Blob storage did not answer: ${(err as Error).message}`,
  );
}

/**
 * KvStore in an Azure Blob container (one JSON blob a key), through the official SDK. The
 * blob's own ETag is the store's eTag; conditions use If-Match / If-None-Match.
 */
export class BlobKvStore implements KvStore {
  constructor(private readonly container: ContainerClient) {}

  /** Creates the container when it is missing. */
  async init(): Promise<this> {
    try {
      await this.container.createIfNotExists({ abortSignal: AbortSignal.timeout(DEADLINE_MS) });
    } catch (err) {
      throw unavailable(err);
    }
    return this;
  }

  private blob(key: string) {
    // NOTE: keys become blob names as they are; Blob storage treats "/" as a virtual folder.
    return this.container.getBlockBlobClient(encodeURIComponent(key).replace(/%2F/g, '/'));
  }

  async read<T = unknown>(key: string): Promise<Stored<T> | null> {
    checkEntry(key);
    try {
      const res = await this.blob(key).download(0, undefined, {
        abortSignal: AbortSignal.timeout(DEADLINE_MS),
      });
      const chunks: Buffer[] = [];
      for await (const chunk of res.readableStreamBody ?? []) chunks.push(chunk as Buffer);
      return {
        value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T,
        etag: res.etag ?? '',
      };
    } catch (err) {
      if (status(err) === 404) return null;
      throw unavailable(err);
    }
  }

  async write(
    key: string,
    value: unknown,
    options: { ifMatch?: string | null } = {},
  ): Promise<string> {
    const json = checkEntry(key, value)!;
    const conditions =
      options.ifMatch === null
        ? { ifNoneMatch: '*' }
        : options.ifMatch !== undefined
          ? { ifMatch: options.ifMatch }
          : {};
    try {
      const res = await this.blob(key).upload(json, Buffer.byteLength(json), {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json' },
        abortSignal: AbortSignal.timeout(DEADLINE_MS),
      });
      return res.etag ?? '';
    } catch (err) {
      if (status(err) === 412 || status(err) === 409) throw conflict(key);
      if (status(err) === 404 && options.ifMatch) throw conflict(key);
      throw unavailable(err);
    }
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<boolean> {
    checkEntry(key);
    try {
      const res = await this.blob(key).deleteIfExists({
        conditions: options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : {},
        abortSignal: AbortSignal.timeout(DEADLINE_MS),
      });
      return res.succeeded;
    } catch (err) {
      if (status(err) === 412) throw conflict(key);
      throw unavailable(err);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    try {
      const blobPrefix = encodeURIComponent(prefix).replace(/%2F/g, '/');
      for await (const item of this.container.listBlobsFlat({ prefix: blobPrefix })) {
        keys.push(decodeURIComponent(item.name));
      }
    } catch (err) {
      throw unavailable(err);
    }
    return keys.sort();
  }

  async ping(): Promise<void> {
    try {
      await this.container.getProperties({ abortSignal: AbortSignal.timeout(DEADLINE_MS) });
    } catch (err) {
      throw unavailable(err);
    }
  }
}

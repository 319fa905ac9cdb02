import { RestError, type ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../log';
import {
  ContainerKeeper,
  STORAGE_DEADLINE_MS,
  isContainerMissing,
  unavailable,
} from './blob-container';
import { checkEntry, conflict, type KvStore, type Stored } from './kv-store';

const status = (err: unknown) => (err instanceof RestError ? err.statusCode : undefined);

/** Names asked for in one list request; each page has its own deadline. */
const LIST_PAGE_SIZE = 5000;

/** Options of a BlobKvStore. */
export interface BlobKvOptions {
  /** Deadline of every storage request, list pages included (STORAGE_DEADLINE_MS). */
  deadlineMs?: number;
  /** Told when the container was found missing and created again (its state is gone). */
  log?: Logger;
}

/**
 * KvStore in an Azure Blob container (one JSON blob a key), through the official SDK. The
 * blob's own ETag is the store's eTag; conditions use If-Match / If-None-Match. Every request
 * has a deadline (a hung request must not hold a turn), and a container found missing (storage
 * came back empty) is created again rather than failing every call until a restart.
 */
export class BlobKvStore implements KvStore {
  private readonly deadlineMs: number;
  private readonly keeper: ContainerKeeper;

  constructor(
    private readonly container: ContainerClient,
    private readonly options: BlobKvOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? STORAGE_DEADLINE_MS;
    this.keeper = new ContainerKeeper(container, this.deadlineMs);
  }

  /** Creates the container when it is missing. */
  async init(): Promise<this> {
    await this.keeper.recreate();
    return this;
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.deadlineMs);
  }

  /** Runs one storage operation, creating the container again when storage says it is gone. */
  private guarded<T>(op: () => Promise<T>): Promise<T> {
    return this.keeper.run(op, () =>
      this.options.log?.warn(
        { container: this.container.containerName },
        'the state container was missing (storage lost its data?) and was created again: subscriptions, references and queued notifications it held are gone',
      ),
    );
  }

  private blob(key: string) {
    // NOTE: keys become blob names as they are; Blob storage treats "/" as a virtual folder.
    return this.container.getBlockBlobClient(encodeURIComponent(key).replace(/%2F/g, '/'));
  }

  async read<T = unknown>(key: string): Promise<Stored<T> | null> {
    checkEntry(key);
    try {
      return await this.guarded(async () => {
        const res = await this.blob(key).download(0, undefined, { abortSignal: this.signal() });
        const chunks: Buffer[] = [];
        for await (const chunk of res.readableStreamBody ?? []) chunks.push(chunk as Buffer);
        return {
          value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T,
          etag: res.etag ?? '',
        };
      });
    } catch (err) {
      if (status(err) === 404 && !isContainerMissing(err)) return null;
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
      const res = await this.guarded(() =>
        this.blob(key).upload(json, Buffer.byteLength(json), {
          conditions,
          blobHTTPHeaders: { blobContentType: 'application/json' },
          abortSignal: this.signal(),
        }),
      );
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
      const res = await this.guarded(() =>
        this.blob(key).deleteIfExists({
          conditions: options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : {},
          abortSignal: this.signal(),
        }),
      );
      return res.succeeded;
    } catch (err) {
      if (status(err) === 412) throw conflict(key);
      throw unavailable(err);
    }
  }

  async list(prefix: string): Promise<string[]> {
    try {
      return (await this.guarded(() => this.listPages(prefix))).sort();
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** One request a page, each with its own deadline: a long listing is not one long wait. */
  private async listPages(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const blobPrefix = encodeURIComponent(prefix).replace(/%2F/g, '/');
    let continuationToken: string | undefined;
    do {
      const page = await this.container
        .listBlobsFlat({ prefix: blobPrefix, abortSignal: this.signal() })
        .byPage({ continuationToken, maxPageSize: LIST_PAGE_SIZE })
        .next();
      if (page.done) break;
      for (const item of page.value.segment.blobItems) keys.push(decodeURIComponent(item.name));
      continuationToken = page.value.continuationToken || undefined;
    } while (continuationToken);
    return keys;
  }

  async ping(): Promise<void> {
    try {
      await this.guarded(() => this.container.getProperties({ abortSignal: this.signal() }));
    } catch (err) {
      throw unavailable(err);
    }
  }
}

/**
 * The Blob store when storage misbehaves: a hung connection (every call, listing included,
 * gives up at its deadline) and a container that vanished (storage came back empty): it is
 * created again and the store works on, without a restart.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';
import { BlobKvStore } from '../../src/storage/blob-kv-store';
import { StorageProxy } from '../support/storage-proxy';
import { Azurite } from '../support/azurite';

const azurite = new Azurite();
let n = 0;

beforeAll(() => azurite.start(), 30_000);
afterAll(() => azurite.stop());

const containerName = () => `kv-faults-${process.pid}-${n++}`;
const client = (connectionString: string, name: string) =>
  BlobServiceClient.fromConnectionString(connectionString, {
    retryOptions: { maxTries: 1 },
  }).getContainerClient(name);

describe('the Blob store under storage faults', () => {
  it('gives up on every call, listing included, at its deadline when storage hangs', async () => {
    const proxy = new StorageProxy(
      Number(new URL(azurite.connectionString.split('BlobEndpoint=')[1]).port),
    );
    await proxy.start();
    try {
      const name = containerName();
      const kv = await new BlobKvStore(client(proxy.through(azurite.connectionString), name), {
        deadlineMs: 800,
      }).init();
      await kv.write('subs/a', { a: 1 });
      proxy.hang();
      for (const call of [
        () => kv.list('subs/'),
        () => kv.read('subs/a'),
        () => kv.write('subs/b', { b: 1 }),
        () => kv.delete('subs/a'),
        () => kv.ping(),
      ]) {
        const started = Date.now();
        await expect(call()).rejects.toMatchObject({ code: 'storage_unavailable' });
        expect(Date.now() - started).toBeLessThan(3000);
      }
    } finally {
      await proxy.stop();
    }
  }, 30_000);

  it('creates the container again when it is gone, says so, and works on', async () => {
    const name = containerName();
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const kv = await new BlobKvStore(client(azurite.connectionString, name), { log }).init();
    await kv.write('subs/a', { a: 1 });
    // Storage lost everything (deleted, or restarted empty).
    await client(azurite.connectionString, name).delete();

    expect(await kv.read('subs/a')).toBeNull();
    await kv.ping();
    expect(await kv.list('subs/')).toEqual([]);
    await kv.write('subs/b', { b: 2 });
    expect((await kv.read('subs/b'))?.value).toEqual({ b: 2 });
    expect(await client(azurite.connectionString, name).exists()).toBe(true);
    expect(lines.filter((l) => /created again/.test(l))).toHaveLength(1);
  });

  it('recreates the container for writes too, when a write is the first call to meet its absence', async () => {
    const name = containerName();
    const kv = await new BlobKvStore(client(azurite.connectionString, name)).init();
    await client(azurite.connectionString, name).delete();
    await kv.write('refs/x', { x: 1 });
    expect((await kv.read('refs/x'))?.value).toEqual({ x: 1 });
  });
});

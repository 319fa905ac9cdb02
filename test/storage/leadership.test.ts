import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { createLogger } from '../../src/log';
import { BlobLeaseLeadership, SingleInstance } from '../../src/storage/leadership';
import { Azurite } from './azurite';

const azurite = new Azurite();
const log = createLogger('silent');
let n = 0;

beforeAll(() => azurite.start(), 30_000);
afterAll(() => azurite.stop());

/** A container per test, each instance with its own client, as separate processes would have. */
async function container(): Promise<() => ContainerClient> {
  const name = `lease-test-${process.pid}-${n++}`;
  await BlobServiceClient.fromConnectionString(azurite.connectionString)
    .getContainerClient(name)
    .create();
  return () =>
    BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(name);
}

describe('poller leadership', () => {
  it('with SQLite, the one process always leads', async () => {
    expect(await new SingleInstance().isLeader()).toBe(true);
  });

  it('elects exactly one of several instances sharing Blob storage', async () => {
    const client = await container();
    const instances = [0, 1, 2].map(
      () => new BlobLeaseLeadership(client(), log, 'leases/poller', 15),
    );
    const leads = await Promise.all(instances.map((i) => i.isLeader()));
    expect(leads.filter(Boolean)).toHaveLength(1);
    // Asking again changes nothing: the holder keeps the lead, the others still wait.
    expect(await Promise.all(instances.map((i) => i.isLeader()))).toEqual(leads);
    await Promise.all(instances.map((i) => i.stop()));
  });

  it('hands the lead over at once when the holder stops cleanly', async () => {
    const client = await container();
    const a = new BlobLeaseLeadership(client(), log, 'leases/poller', 15);
    const b = new BlobLeaseLeadership(client(), log, 'leases/poller', 15);
    expect(await a.isLeader()).toBe(true);
    expect(await b.isLeader()).toBe(false);
    await a.stop();
    expect(await b.isLeader()).toBe(true);
    await b.stop();
  });

  it('replaces a crashed holder once its lease expires, not before', async () => {
    const client = await container();
    const crashed = new BlobLeaseLeadership(client(), log, 'leases/poller', 15);
    expect(await crashed.isLeader()).toBe(true);
    // A crash: the holder stops renewing and never releases.
    (crashed as unknown as { drop(): void }).drop();
    const next = new BlobLeaseLeadership(client(), log, 'leases/poller', 15);
    expect(await next.isLeader()).toBe(false);
    await new Promise((r) => setTimeout(r, 16_000));
    expect(await next.isLeader()).toBe(true);
    await next.stop();
  }, 30_000);
});

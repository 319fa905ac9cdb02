import { Writable } from 'node:stream';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { createLogger } from '../../src/log';
import { BlobLeaseLeadership, SingleInstance } from '../../src/storage/leadership';
import { StorageProxy } from '../support/storage-proxy';
import { Azurite } from '../support/azurite';

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
    const instances = [0, 1, 2].map(() => new BlobLeaseLeadership(client(), log, { seconds: 15 }));
    const leads = await Promise.all(instances.map((i) => i.isLeader()));
    expect(leads.filter(Boolean)).toHaveLength(1);
    // Asking again changes nothing: the holder keeps the lead, the others still wait.
    expect(await Promise.all(instances.map((i) => i.isLeader()))).toEqual(leads);
    await Promise.all(instances.map((i) => i.stop()));
  });

  it('hands the lead over at once when the holder stops cleanly', async () => {
    const client = await container();
    const a = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    const b = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    expect(await a.isLeader()).toBe(true);
    expect(await b.isLeader()).toBe(false);
    await a.stop();
    expect(await b.isLeader()).toBe(true);
    await b.stop();
  });

  it('replaces a crashed holder once its lease expires, not before', async () => {
    const client = await container();
    const crashed = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    expect(await crashed.isLeader()).toBe(true);
    // A crash: the holder stops renewing and never releases.
    (crashed as unknown as { drop(): void }).drop();
    const next = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    expect(await next.isLeader()).toBe(false);
    await new Promise((r) => setTimeout(r, 16_000));
    expect(await next.isLeader()).toBe(true);
    await next.stop();
  }, 30_000);

  it('takes the lease once when the poller and the sender ask at the same moment', async () => {
    const client = await container();
    const lines: string[] = [];
    const captured = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const a = new BlobLeaseLeadership(client(), captured, { renewEveryMs: 200 });
    expect(await Promise.all([a.isLeader(), a.isLeader(), a.isLeader()])).toEqual([
      true,
      true,
      true,
    ]);
    expect(lines.filter((l) => /took the poller lease/.test(l))).toHaveLength(1);
    await a.stop();
    const b = new BlobLeaseLeadership(client(), log);
    expect(await b.isLeader()).toBe(true);
    // No renewal timer is left behind to renew (and fail, and log) after the lead is given up.
    await new Promise((r) => setTimeout(r, 800));
    expect(lines.filter((l) => /lost the poller lease/.test(l))).toEqual([]);
    expect(await b.isLeader()).toBe(true);
    await b.stop();
  });

  it('gives the lease straight back when stopped while taking it', async () => {
    const client = await container();
    const a = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    const asking = a.isLeader();
    await a.stop();
    expect(await asking).toBe(false);
    const b = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    expect(await b.isLeader()).toBe(true);
    await b.stop();
  });

  it('creates the container again when storage lost it, and leads', async () => {
    const client = await container();
    const a = new BlobLeaseLeadership(client(), log);
    await client().delete();
    expect(await a.isLeader()).toBe(true);
    expect(await client().exists()).toBe(true);
    await a.stop();
  });
});

describe('storage that comes back empty', () => {
  // The lease vanished with the container: the holder leads until its next renewal tells it, so
  // an instance that takes the new lease must not lead before the old holder's fence has passed.
  it("never has two leaders: the new holder waits out the old holder's fence", async () => {
    const client = await container();
    const old = new BlobLeaseLeadership(client(), log, { seconds: 15, renewEveryMs: 300 });
    let t = Date.now();
    const next = new BlobLeaseLeadership(client(), log, {
      seconds: 15,
      renewEveryMs: 200,
      now: () => t,
    });
    expect(await old.isLeader()).toBe(true);
    expect(await next.isLeader()).toBe(false);
    await client().delete();
    await client().create();
    // The old holder has not renewed yet: it still leads, so the next one must not.
    const both = await Promise.all([old.isLeader(), next.isLeader()]);
    expect(both.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(both[1]).toBe(false);
    // Its next renewal finds the lease gone; the old holder stops.
    await new Promise((r) => setTimeout(r, 800));
    expect(await old.isLeader()).toBe(false);
    expect(await next.isLeader()).toBe(false);
    // Past the old holder's fence, counted from when the new lease was taken.
    t += next.fenceMs + 1;
    await new Promise((r) => setTimeout(r, 600));
    expect(await next.isLeader()).toBe(true);
    await Promise.all([old.stop(), next.stop()]);
  }, 30_000);

  it('leads at once on fresh storage when no other holder was ever seen', async () => {
    const client = await container();
    const first = new BlobLeaseLeadership(client(), log, { seconds: 15 });
    expect(await first.isLeader()).toBe(true);
    await first.stop();
  });
});

describe('the leadership fence', () => {
  const proxied = async () => {
    const port = Number(new URL(azurite.connectionString.split('BlobEndpoint=')[1]).port);
    const proxy = new StorageProxy(port);
    await proxy.start();
    const name = `fence-test-${process.pid}-${n++}`;
    await BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient(name)
      .create();
    const through = () =>
      BlobServiceClient.fromConnectionString(proxy.through(azurite.connectionString), {
        retryOptions: { maxTries: 1 },
      }).getContainerClient(name);
    const direct = () =>
      BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(name);
    return { proxy, through, direct };
  };

  it('stops leading at the fence when its storage hangs, without waiting on storage', async () => {
    const { proxy, through } = await proxied();
    const clock = { skew: 0 };
    const a = new BlobLeaseLeadership(through(), log, {
      seconds: 15,
      deadlineMs: 500,
      renewEveryMs: 200,
      now: () => Date.now() + clock.skew,
    });
    try {
      expect(await a.isLeader()).toBe(true);
      proxy.hang();
      // Renewals hang and give up at their deadline; the last confirmed one ages.
      await new Promise((r) => setTimeout(r, 800));
      clock.skew = a.fenceMs - 2000;
      expect(await a.isLeader()).toBe(true);
      clock.skew = a.fenceMs;
      const asked = Date.now();
      expect(await a.isLeader()).toBe(false);
      expect(Date.now() - asked).toBeLessThan(50);
    } finally {
      proxy.restore();
      await a.stop();
      await proxy.stop();
    }
  });

  it('leads again when a renewal succeeds before the lease ran out', async () => {
    const { proxy, through } = await proxied();
    const clock = { skew: 0 };
    const a = new BlobLeaseLeadership(through(), log, {
      seconds: 15,
      deadlineMs: 300,
      renewEveryMs: 200,
      now: () => Date.now() + clock.skew,
    });
    try {
      expect(await a.isLeader()).toBe(true);
      proxy.drop();
      clock.skew = a.fenceMs;
      expect(await a.isLeader()).toBe(false);
      clock.skew = 0;
      proxy.restore();
      await new Promise((r) => setTimeout(r, 1000));
      expect(await a.isLeader()).toBe(true);
    } finally {
      await a.stop();
      await proxy.stop();
    }
  });

  it('gives up taking the lead at the deadline when storage hangs', async () => {
    const { proxy, through } = await proxied();
    const a = new BlobLeaseLeadership(through(), log, { seconds: 15, deadlineMs: 500 });
    proxy.hang();
    try {
      const asked = Date.now();
      await expect(a.isLeader()).rejects.toThrow();
      expect(Date.now() - asked).toBeLessThan(2000);
    } finally {
      proxy.restore();
      await a.stop();
      await proxy.stop();
    }
  });

  it('never lets a deposed holder lead while another holds the lease', async () => {
    const { proxy, through, direct } = await proxied();
    const a = new BlobLeaseLeadership(through(), log, {
      seconds: 15,
      deadlineMs: 500,
      renewEveryMs: 300,
    });
    const b = new BlobLeaseLeadership(direct(), log, { seconds: 15 });
    try {
      expect(await a.isLeader()).toBe(true);
      proxy.hang();
      const since = Date.now();
      // b takes over only once a's lease expired at storage; a stopped leading before that.
      let aStoppedAt = 0;
      while (!(await b.isLeader())) {
        if (!aStoppedAt && !(await a.isLeader())) aStoppedAt = Date.now();
        await new Promise((r) => setTimeout(r, 250));
      }
      const bLeadsAt = Date.now();
      expect(aStoppedAt).toBeGreaterThan(0);
      expect(bLeadsAt - aStoppedAt).toBeGreaterThan(3000);
      expect(bLeadsAt - since).toBeGreaterThan(10_000);
      // a's connection heals: it learns the lease is someone else's and stays a follower.
      proxy.restore();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await a.isLeader()).toBe(false);
      expect(await b.isLeader()).toBe(true);
    } finally {
      proxy.restore();
      await a.stop();
      await b.stop();
      await proxy.stop();
    }
  }, 40_000);
});

/**
 * Three instances sharing Azure Blob storage (Azurite), each through its own storage proxy,
 * under the faults scale-out meets: the leader killed (SIGKILL) mid-drain, the leader's storage
 * hung past its lease, a storage outage for all, storage back empty. Each alert is posted to a
 * follower; every fault must end with exactly one card per channel and never more than 50
 * cards a second app-wide. Figures go to the reliability results (docs/reliability.md).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { say, waitFor } from './fault-harness';
import { Cluster, LEASE_SECONDS, type Outcome } from './multi-instance-harness';
import { record } from './record';

const CHANNELS = Array.from({ length: 30 }, (_, i) => `19:scale-${i}@thread.tacv2`);
const cluster = new Cluster(CHANNELS);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'app.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  await cluster.start();
  await cluster.subscribeAll();
}, 60_000);
afterAll(() => cluster.stop(), 30_000);
// A check that failed half-way leaves no fault behind for the next one.
afterEach(() => {
  cluster.onRequest = null;
  for (const inst of cluster.instances) inst.proxy.restore();
});

/** Asserts exactly one card per channel within the app limit, and records the figures. */
function expectOnce(check: string, o: Outcome, figures: Record<string, string | number>): void {
  record({
    area: 'scale-out',
    check: `three instances: ${check}`,
    tried: CHANNELS.length,
    held: o.delivered - Math.min(o.delivered, o.duplicated),
    expectation: 'exactly one card per channel; at most 50 cards a second app-wide',
    figures: {
      delivered: o.delivered,
      lost: o.lost,
      duplicated: o.duplicated,
      'most a second': o.maxPerSecond,
      ...figures,
    },
  });
  expect(o).toMatchObject({ delivered: CHANNELS.length, lost: 0, duplicated: 0, throttled: 0 });
  expect(o.maxPerSecond).toBeLessThanOrEqual(50);
}

/** Drops the `n`-th card request from now (unanswered, so no card is in doubt) and runs `fault`. */
function faultAtCard(n: number, fault: () => void): void {
  let seen = 0;
  cluster.onRequest = () => {
    if (++seen !== n) return;
    fault();
    return false;
  };
}

describe('three instances sharing Blob storage', () => {
  it('deliver an alert accepted by a follower at once, from the leader alone', async () => {
    const leader = await cluster.leader();
    const from = cluster.connector.deliveries.length;
    const throttled = cluster.connector.throttled;
    const started = Date.now();
    expect(await cluster.fire(cluster.follower(leader), 'baseline')).toBe(202);
    await waitFor(() => cluster.since(from).length > 0, 40_000);
    const firstMs = Date.now() - started;
    await cluster.allDelivered(from, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    expectOnce('alert posted to a follower, no fault', cluster.outcome(from, throttled), {
      'first card after': seconds(firstMs),
      'all delivered after': seconds(Date.now() - started - 1000),
    });
    // A follower wakes the leader: no wait for the leader's idle re-read.
    expect(firstMs).toBeLessThan(5000);
  }, 60_000);

  it('replace a leader killed (SIGKILL) mid-drain, and repeat no card', async () => {
    const leader = await cluster.leader();
    const from = cluster.connector.deliveries.length;
    const throttled = cluster.connector.throttled;
    let killedAt = 0;
    faultAtCard(10, () => {
      killedAt = Date.now();
      cluster.instances[leader].proc!.child.kill('SIGKILL');
    });
    expect(await cluster.fire(cluster.follower(leader), 'kill')).toBe(202);
    const all = await cluster.allDelivered(from, 60_000);
    const recoverMs = Date.now() - killedAt;
    cluster.onRequest = null;
    await cluster.killInstance(leader);
    await new Promise((r) => setTimeout(r, 1000));
    expectOnce('leader killed (SIGKILL) mid-drain', cluster.outcome(from, throttled), {
      'recovered after': all ? seconds(recoverMs) : 'never',
      lease: `${LEASE_SECONDS} s`,
    });
    await cluster.startInstance(leader);
  }, 90_000);

  it('depose a leader whose storage hangs past its lease: it sends nothing when it heals', async () => {
    const leader = await cluster.leader();
    const hung = cluster.instances[leader].proxy;
    const from = cluster.connector.deliveries.length;
    const throttled = cluster.connector.throttled;
    let hungAt = 0;
    faultAtCard(10, () => {
      hungAt = Date.now();
      hung.hang();
    });
    expect(await cluster.fire(cluster.follower(leader), 'hang')).toBe(202);
    const all = await cluster.allDelivered(from, 60_000);
    const recoverMs = Date.now() - hungAt;
    cluster.onRequest = null;
    // The connection heals: whatever the old leader still holds must not go out.
    hung.restore();
    await new Promise((r) => setTimeout(r, 3000));
    expectOnce(
      'leader storage hung past its lease, then healed',
      cluster.outcome(from, throttled),
      {
        'recovered after': all ? seconds(recoverMs) : 'never',
        lease: `${LEASE_SECONDS} s`,
      },
    );
    expect(cluster.leaders()).toHaveLength(1);
  }, 90_000);

  it('ride out a storage outage: wait between failed passes, log it once, lose nothing', async () => {
    const leader = await cluster.leader();
    const from = cluster.connector.deliveries.length;
    const throttled = cluster.connector.throttled;
    const failedBefore = cluster.instances.map((_, i) => cluster.logLines(i, /sender pass/).length);
    const connectionsBefore = cluster.instances.map((inst) => inst.proxy.connections);
    let outageAt = 0;
    faultAtCard(10, () => {
      outageAt = Date.now();
      for (const inst of cluster.instances) inst.proxy.drop();
    });
    // The outage may begin while the follower is still queueing: then the post fails and, as
    // Azure Monitor does, is posted again once storage is back.
    const firstPost = await cluster.fire(cluster.follower(leader), 'outage');
    expect(await waitFor(() => outageAt > 0, 40_000)).toBe(true);
    // A turn on a follower during the outage: answered within Teams' 15 s.
    const turnStarted = Date.now();
    const reply = await say(
      cluster.url(cluster.follower(leader)),
      cluster.connector,
      CHANNELS[0],
      'subscriptions',
    );
    const turnMs = Date.now() - turnStarted;
    const health = await cluster.health();
    await new Promise((r) => setTimeout(r, Math.max(0, 6000 - (Date.now() - outageAt))));
    const outageMs = Date.now() - outageAt;
    const connections = cluster.instances.map(
      (inst, i) => inst.proxy.connections - connectionsBefore[i],
    );
    const failedLines = cluster.instances.map(
      (_, i) => cluster.logLines(i, /sender pass/).length - failedBefore[i],
    );
    const restoredAt = Date.now();
    for (const inst of cluster.instances) inst.proxy.restore();
    let posts = 1;
    for (let status = firstPost; status !== 202 && posts < 20; posts++) {
      await new Promise((r) => setTimeout(r, 500));
      status = await cluster.fire(cluster.follower(leader), 'outage');
    }
    const all = await cluster.allDelivered(from, 60_000);
    const recoverMs = Date.now() - restoredAt;
    cluster.onRequest = null;
    await new Promise((r) => setTimeout(r, 1000));
    const perSecond = Math.max(...connections) / (outageMs / 1000);
    expectOnce(
      `storage outage of ${seconds(outageMs)} for every instance`,
      cluster.outcome(from, throttled),
      {
        'recovered after': all ? seconds(recoverMs) : 'never',
        'storage connections a second while down (busiest instance)': perSecond.toFixed(1),
        'sender log lines for the outage (busiest instance)': Math.max(...failedLines),
        'turn on a follower during it': seconds(turnMs),
        '/healthz during it': health.join(' '),
        'alert posts': posts,
      },
    );
    expect(health.every((s) => s === 503)).toBe(true);
    expect(reply.status).toBe(200);
    expect(turnMs).toBeLessThan(15_000);
    expect(perSecond).toBeLessThan(20);
    expect(Math.max(...failedLines)).toBeLessThanOrEqual(2);
  }, 90_000);

  it('recover without a restart when storage comes back empty', async () => {
    await cluster.restartStorageEmpty();
    const backAt = Date.now();
    const healthy = await waitFor(
      async () => (await cluster.health()).every((s) => s === 200),
      30_000,
    );
    const healthyMs = Date.now() - backAt;
    expect(healthy).toBe(true);
    // Everything storage held is gone: the channels subscribe again.
    await cluster.subscribeAll();
    const leader = await cluster.leader();
    const from = cluster.connector.deliveries.length;
    const throttled = cluster.connector.throttled;
    expect(await cluster.fire(cluster.follower(leader), 'empty')).toBe(202);
    const all = await cluster.allDelivered(from, 40_000);
    await new Promise((r) => setTimeout(r, 1000));
    expectOnce('storage back empty (container gone)', cluster.outcome(from, throttled), {
      'every /healthz 200 after': healthy ? seconds(healthyMs) : 'never',
      'all delivered': all ? 'yes' : 'no',
    });
  }, 90_000);
});

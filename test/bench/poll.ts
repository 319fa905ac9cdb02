/**
 * `npm run bench` (poll part): one poll cycle over a sync group of 10,000 server endpoints,
 * read page by page (100 a page) through the real Azure SDK from a local HTTPS fake of the
 * Storage Sync API, every tenth endpoint failing: time, pages, notifications queued, and the
 * memory it took. The poller keeps its state and the outbox in SQLite, as `npm start` does.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TokenCredential } from '@azure/identity';
import { loadConfig } from '../../src/config';
import { createHealthProvider } from '../../src/health';
import { loadIndex } from '../../src/knowledge/load';
import { createLogger } from '../../src/log';
import { Matcher } from '../../src/matching/ask';
import { explainHresult } from '../../src/matching/explain-hresult';
import { Outbox } from '../../src/notify/outbox';
import { PollState } from '../../src/notify/poll-state';
import { Poller } from '../../src/notify/poller';
import { Subscriptions } from '../../src/notify/subscriptions';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import {
  manyEndpoints,
  RESOURCE_GROUP,
  SERVICE,
  startFakeArm,
  SUBSCRIPTION,
} from '../support/fake-arm';
import { makeTestCert } from '../support/tls-cert';

const ENDPOINTS = 10_000;
const TOKEN = 'bench-token';

const rssMb = () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};

async function main(): Promise<void> {
  const cert = makeTestCert();
  const agent = new Agent({ ca: cert.cert, keepAlive: true });
  const arm = await startFakeArm({
    tls: cert,
    token: TOKEN,
    groups: {
      big: { endpoints: manyEndpoints(ENDPOINTS, { failingCode: -2134364065 }), pageSize: 100 },
    },
  });
  const credential: TokenCredential = {
    getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const log = createLogger('silent');
  const health = createHealthProvider(
    loadConfig({
      HEALTH_PROVIDER: 'azure',
      AZURE_SUBSCRIPTION_ID: SUBSCRIPTION,
      AZURE_RESOURCE_MANAGER_ENDPOINT: arm.url,
    }),
    log,
    { credential, agent },
  );
  const kv = new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-bench-poll-'))));
  const subscriptions = new Subscriptions(kv);
  const target = { resourceGroup: RESOURCE_GROUP, service: SERVICE, group: 'big' };
  await subscriptions.add({
    conversationId: '19:ops@thread.tacv2',
    target,
    by: { id: 'bench' },
    at: new Date().toISOString(),
  });
  const matcher = new Matcher(loadIndex());
  const outbox = new Outbox(kv);
  const poller = new Poller({
    health,
    subscriptions,
    state: new PollState(kv),
    queue: outbox,
    explain: (h) => explainHresult(matcher.book, h),
    isLeader: async () => true,
    now: () => new Date(),
    log,
  });
  global.gc?.();
  const before = rssMb();
  const rows: string[][] = [];
  try {
    for (const label of ['first cycle (failures found)', 'second cycle (nothing new)']) {
      const requests = arm.received.length;
      const t0 = performance.now();
      const report = await poller.poll();
      const ms = performance.now() - t0;
      const after = rssMb();
      rows.push([
        label,
        String(report.endpoints),
        String(arm.received.length - requests),
        String(report.failing),
        String(report.notifications),
        (ms / 1000).toFixed(2),
        (after.peak - before.rss).toFixed(0),
        after.peak.toFixed(0),
      ]);
      if (report.errors.length) throw new Error(`poll errors: ${JSON.stringify(report.errors)}`);
    }
  } finally {
    agent.destroy();
    await arm.stop();
  }
  console.log(
    '\n| poll cycle | endpoints | pages | failing | notifications queued | seconds | RSS growth MB | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const ok =
    rows[0][1] === String(ENDPOINTS) && rows[0][4] === String(ENDPOINTS / 10) && rows[1][4] === '0';
  console.log(
    `${ok ? 'ok    ' : 'MISSED'} every endpoint read, one notification per failing endpoint, none repeated`,
  );
  process.exitCode = ok ? 0 : 1;
}

void main();

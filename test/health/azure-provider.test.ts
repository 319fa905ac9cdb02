/**
 * The `azure` provider against a local HTTPS fake of ARM, through the real
 * `@azure/arm-storagesync` client and its own pipeline (bearer token policy included). The
 * test certificate is trusted through an HTTPS agent given to that pipeline, so no process-wide
 * NODE_EXTRA_CA_CERTS is needed.
 */
import { Agent } from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { loadConfig } from '../../src/config';
import { createHealthProvider, type HealthDeps, type HealthProvider } from '../../src/health';
import { createLogger } from '../../src/log';
import type { SyncGroupTarget } from '../../src/health/sync-group-target';
import {
  RESOURCE_GROUP,
  SERVICE,
  SUBSCRIPTION,
  failingEndpoint,
  healthyEndpoint,
  manyEndpoints,
  startFakeArm,
  type FakeArm,
} from '../support/fake-arm';
import { makeTestCert } from '../support/tls-cert';

const TOKEN = 'fake-arm-token';
const scopesAsked: string[][] = [];
const credential: TokenCredential = {
  getToken: async (scopes): Promise<AccessToken> => {
    scopesAsked.push([scopes].flat());
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

const cert = makeTestCert();
const agent = new Agent({ ca: cert.cert });
let arm: FakeArm;

beforeAll(async () => {
  arm = await startFakeArm({ tls: cert, token: TOKEN });
});
afterAll(async () => {
  agent.destroy();
  await arm.stop();
});

function provider(deps: HealthDeps = {}): HealthProvider {
  const config = loadConfig({
    HEALTH_PROVIDER: 'azure',
    AZURE_SUBSCRIPTION_ID: SUBSCRIPTION,
    AZURE_RESOURCE_MANAGER_ENDPOINT: arm.url,
  });
  return createHealthProvider(config, createLogger('silent'), {
    credential,
    agent,
    random: () => 0,
    ...deps,
  });
}

const target = (group: string): SyncGroupTarget => ({
  resourceGroup: RESOURCE_GROUP,
  service: SERVICE,
  group,
});

/** Requests the fake received for one group. */
const requestsFor = (group: string) =>
  arm.received.filter((r) => r.url.includes(`/syncGroups/${group}/serverEndpoints`));

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the read to fail');
}

describe('the azure health provider (Storage Sync SDK against a local HTTPS ARM)', () => {
  it('reads a healthy sync group with api-version 2022-09-01, a bearer token for ARM, and normalises it', async () => {
    arm.setGroup('healthy', { endpoints: [healthyEndpoint('ep-a', 'FS01.contoso.local')] });
    const health = await provider().syncGroup(target('healthy'));
    expect(health.target.group).toBe('healthy');
    expect(health.endpoints).toHaveLength(1);
    const [ep] = health.endpoints;
    expect(ep).toMatchObject({
      name: 'ep-a',
      serverName: 'FS01.contoso.local',
      serverLocalPath: 'D:\\Shares\\Finance',
      combinedHealth: 'Healthy',
      syncActivity: null,
      lastUpdatedTimestamp: '2026-03-02T09:41:17.8731912Z',
    });
    expect(ep.id).toMatch(/\/serverEndpoints\/ep-a$/);
    expect(ep.upload).toMatchObject({ health: 'Healthy', lastSyncResult: 0, progress: null });
    const [req] = requestsFor('healthy');
    expect(req.url).toContain(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/`);
    expect(new URL(req.url, arm.url).searchParams.get('api-version')).toBe('2022-09-01');
    expect(req.authorization).toBe(`Bearer ${TOKEN}`);
    expect(scopesAsked).toContainEqual(['https://management.azure.com/.default']);
  });

  it('keeps a failing code as a signed 32-bit HRESULT with its files not syncing and progress', async () => {
    arm.setGroup('failing', { endpoints: [failingEndpoint('ep-f', -2134364065)] });
    const [ep] = (await provider().syncGroup(target('failing'))).endpoints;
    expect(ep.combinedHealth).toBe('Error');
    expect(ep.upload.lastSyncResult).toBe(-2134364065);
    expect(ep.upload.lastSyncSuccessTimestamp).toBe('2026-02-27T22:10:05.0000000Z');
    expect(ep.upload.filesNotSyncingErrors).toEqual([
      { errorCode: -2147024864, persistentCount: 0, transientCount: 2 },
      { errorCode: -2134347507, persistentCount: 12, transientCount: 0 },
    ]);
    expect(ep.upload.progress).toMatchObject({ appliedItemCount: 3120, totalItemCount: 12480 });
    expect(ep.download.lastSyncResult).toBe(0);
  });

  it('passes an unknown code through unchanged', async () => {
    arm.setGroup('unknown', { endpoints: [failingEndpoint('ep-u', -2134300001)] });
    const [ep] = (await provider().syncGroup(target('unknown'))).endpoints;
    expect(ep.upload.lastSyncResult).toBe(-2134300001);
  });

  it('follows nextLink through every page, on the same pipeline', async () => {
    arm.setGroup('paged', {
      endpoints: manyEndpoints(250, { failingCode: -2134364065 }),
      pageSize: 100,
    });
    const health = await provider().syncGroup(target('paged'));
    expect(health.endpoints).toHaveLength(250);
    expect(new Set(health.endpoints.map((e) => e.id)).size).toBe(250);
    expect(health.endpoints.filter((e) => e.upload.lastSyncResult === -2134364065)).toHaveLength(
      25,
    );
    const reqs = requestsFor('paged');
    expect(reqs.map((r) => new URL(r.url, arm.url).searchParams.get('$skipToken'))).toEqual([
      null,
      '100',
      '200',
    ]);
    for (const r of reqs) {
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      expect(new URL(r.url, arm.url).searchParams.get('api-version')).toBe('2022-09-01');
    }
  });

  it('reads a sync group of 10,000 endpoints in pages of 100', async () => {
    arm.setGroup('big', {
      endpoints: manyEndpoints(10_000, { failingCode: -2134364065 }),
      pageSize: 100,
    });
    const health = await provider().syncGroup(target('big'));
    expect(health.endpoints).toHaveLength(10_000);
    expect(requestsFor('big')).toHaveLength(100);
  });

  it('gives up at the deadline on a slow API: health_api_timeout', async () => {
    arm.setGroup('slow', { delayMs: 2000, then: { endpoints: [] } });
    const started = Date.now();
    const err = await failure(provider({ policy: { timeoutMs: 300 } }).syncGroup(target('slow')));
    expect(err.code).toBe('health_api_timeout');
    expect(err.message).toMatch(/within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('retries a 500 and succeeds on the next attempt', async () => {
    arm.setGroup('flaky', {
      status: 500,
      times: 1,
      then: { endpoints: [healthyEndpoint('ep-r')] },
    });
    const health = await provider().syncGroup(target('flaky'));
    expect(health.endpoints.map((e) => e.name)).toEqual(['ep-r']);
    expect(requestsFor('flaky')).toHaveLength(2);
  });

  it('stops after three attempts on a persistent 500: health_api_unavailable', async () => {
    arm.setGroup('down', { status: 500 });
    const err = await failure(provider().syncGroup(target('down')));
    expect(err.code).toBe('health_api_unavailable');
    expect(err.message).toMatch(/500/);
    expect(requestsFor('down')).toHaveLength(3);
  });

  it('waits as long as Retry-After says after a 429', async () => {
    arm.setGroup('throttled', {
      status: 429,
      times: 1,
      retryAfter: '1',
      then: { endpoints: [healthyEndpoint('ep-t')] },
    });
    await provider().syncGroup(target('throttled'));
    const [first, second] = requestsFor('throttled');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('does not wait past the deadline for a long Retry-After', async () => {
    arm.setGroup('throttled-long', { status: 429, retryAfter: '30' });
    const started = Date.now();
    const err = await failure(provider().syncGroup(target('throttled-long')));
    expect(err.code).toBe('health_api_unavailable');
    expect(requestsFor('throttled-long')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses malformed JSON: health_api_invalid', async () => {
    arm.setGroup('garbled', { body: '{"value": [ {"id": "/sub' });
    const err = await failure(provider().syncGroup(target('garbled')));
    expect(err.code).toBe('health_api_invalid');
    expect(requestsFor('garbled')).toHaveLength(1);
  });

  it('refuses JSON in the wrong shape and says where: health_api_invalid', async () => {
    const bad = healthyEndpoint('ep-w') as unknown as { properties: { syncStatus: object } };
    bad.properties.syncStatus = {
      combinedHealth: 'Healthy',
      uploadStatus: { lastSyncResult: 'zero' },
    };
    arm.setGroup('shape', { body: JSON.stringify({ value: [bad] }) });
    const err = await failure(provider().syncGroup(target('shape')));
    expect(err.code).toBe('health_api_invalid');
    expect(err.message).toContain('value.0.properties.syncStatus.uploadStatus.lastSyncResult');
  });

  it('answers a missing sync group with health_not_found, without retrying', async () => {
    const err = await failure(provider().syncGroup(target('no-such-group')));
    expect(err.code).toBe('health_not_found');
    expect(requestsFor('no-such-group')).toHaveLength(1);
  });

  it('does not follow a nextLink to another host (the token would go with it)', async () => {
    arm.setGroup('leak', {
      body: JSON.stringify({
        value: [healthyEndpoint('ep-l')],
        nextLink: 'https://attacker.invalid/next',
      }),
    });
    const err = await failure(provider().syncGroup(target('leak')));
    expect(err.code).toBe('health_api_invalid');
    expect(err.message).toMatch(/attacker\.invalid/);
  });

  it('opens the breaker after consecutive failures and then fails fast without calling', async () => {
    arm.setGroup('broken', { status: 503 });
    const p = provider({
      breaker: { failureThreshold: 2, coolDownMs: 60_000 },
      policy: { attempts: 1 },
    });
    for (let i = 0; i < 2; i++)
      expect((await failure(p.syncGroup(target('broken')))).code).toBe('health_api_unavailable');
    const before = arm.received.length;
    expect((await failure(p.syncGroup(target('healthy')))).code).toBe('health_circuit_open');
    expect(arm.received.length).toBe(before);
  });
});

import { loadConfig } from '../../src/config';
import { createHealthProvider, syncGroupUrl, type HealthProvider } from '../../src/health';
import { createLogger } from '../../src/log';
import {
  RESOURCE_GROUP,
  SERVICE,
  failingEndpoint,
  healthyEndpoint,
  startFakeArm,
  type FakeArm,
} from '../support/fake-arm';

const TOKEN = 'gateway-token-1234';
let arm: FakeArm;
beforeAll(async () => {
  arm = await startFakeArm({ token: TOKEN });
});
afterAll(() => arm.stop());

const target = (group: string) => ({ resourceGroup: RESOURCE_GROUP, service: SERVICE, group });

function provider(env: Record<string, string> = {}): HealthProvider {
  const config = loadConfig({
    HEALTH_PROVIDER: 'http',
    HEALTH_API_URL: `${arm.url}/api/health`,
    HEALTH_API_TOKEN: TOKEN,
    ...env,
  });
  return createHealthProvider(config, createLogger('silent'), { random: () => 0 });
}

describe('the http health provider', () => {
  it('GETs the ARM-style path under HEALTH_API_URL with the bearer token and follows pages', async () => {
    arm.setGroup('g1', {
      endpoints: [healthyEndpoint('a'), failingEndpoint('b'), healthyEndpoint('c')],
      pageSize: 2,
    });
    const health = await provider().syncGroup(target('g1'));
    expect(health.endpoints.map((e) => [e.name, e.upload.lastSyncResult])).toEqual([
      ['a', 0],
      ['b', -2134364065],
      ['c', 0],
    ]);
    const reqs = arm.received.filter((r) => r.url.includes('/syncGroups/g1/'));
    expect(reqs[0].url).toBe(
      `/api/health/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.StorageSync/storageSyncServices/${SERVICE}/syncGroups/g1/serverEndpoints`,
    );
    expect(reqs).toHaveLength(2);
    expect(reqs.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('fills a URL template with the names, percent-encoded', () => {
    expect(
      syncGroupUrl('https://gw.example/health?rg={resourceGroup}&s={service}&g={group}', {
        resourceGroup: 'rg 1',
        service: 's&1',
        group: 'g',
      }),
    ).toBe('https://gw.example/health?rg=rg%201&s=s%261&g=g');
  });

  it('reports a wrong token as the API refusing access, naming HEALTH_API_TOKEN', async () => {
    arm.setGroup('g2', { endpoints: [] });
    await expect(
      provider({ HEALTH_API_TOKEN: 'wrong' }).syncGroup(target('g2')),
    ).rejects.toMatchObject({
      code: 'health_api_unavailable',
      message: expect.stringContaining('HEALTH_API_TOKEN'),
    });
  });

  it('retries a connection that is refused, then reports the API unavailable', async () => {
    const other = await startFakeArm();
    const url = other.url;
    await other.stop();
    const config = loadConfig({ HEALTH_PROVIDER: 'http', HEALTH_API_URL: url });
    const p = createHealthProvider(config, createLogger('silent'), { random: () => 0 });
    await expect(p.syncGroup(target('g'))).rejects.toMatchObject({
      code: 'health_api_unavailable',
      message: expect.stringMatching(/cannot reach the health API \(ECONNREFUSED\)/),
    });
  });

  it('rejects an empty object as the wrong shape', async () => {
    arm.setGroup('g3', { body: '{}' });
    await expect(provider().syncGroup(target('g3'))).rejects.toMatchObject({
      code: 'health_api_invalid',
      message: expect.stringContaining('value'),
    });
  });
});

describe('the none provider', () => {
  it('says how to link a health API', async () => {
    const p = createHealthProvider(loadConfig({}), createLogger('silent'));
    expect(p.kind).toBe('none');
    await expect(p.syncGroup(target('g'))).rejects.toMatchObject({
      code: 'health_not_linked',
      message: expect.stringMatching(
        /HEALTH_PROVIDER=azure.*AZURE_SUBSCRIPTION_ID.*HEALTH_PROVIDER=http/,
      ),
    });
  });
});

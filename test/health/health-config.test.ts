import { describeConfig, loadConfig } from '../../src/config';
import { armScope } from '../../src/health/azure-provider';

const SUB = '52b8da2f-61e0-4a1f-8dde-336911f367fb';

describe('health settings from the environment', () => {
  it('reads the azure provider settings and drops a trailing slash from the endpoint', () => {
    const c = loadConfig({
      HEALTH_PROVIDER: 'azure',
      AZURE_SUBSCRIPTION_ID: SUB,
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.usgovcloudapi.net/',
    });
    expect(c).toMatchObject({
      healthProvider: 'azure',
      azureSubscriptionId: SUB,
      azureResourceManagerEndpoint: 'https://management.usgovcloudapi.net',
      healthApiUrl: null,
    });
  });

  it.each([
    [{ HEALTH_PROVIDER: 'azure' }, /AZURE_SUBSCRIPTION_ID: required when HEALTH_PROVIDER is azure/],
    [{ AZURE_SUBSCRIPTION_ID: 'my-sub' }, /AZURE_SUBSCRIPTION_ID: must be the subscription id/],
    [
      { AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://management.azure.com' },
      /AZURE_RESOURCE_MANAGER_ENDPOINT: must be an https URL/,
    ],
    [{ HEALTH_PROVIDER: 'http' }, /HEALTH_API_URL: required when HEALTH_PROVIDER is http/],
    [{ HEALTH_API_URL: 'http://gateway.contoso.local/health' }, /HEALTH_API_URL: must be https/],
    [{ HEALTH_API_URL: 'http://127.0.0.1:80@evil.example/' }, /HEALTH_API_URL: must be https/],
    [{ HEALTH_API_URL: 'not a url' }, /HEALTH_API_URL/],
  ])('names the health variable that is wrong: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts https anywhere and plain http on 127.0.0.1 only', () => {
    expect(
      loadConfig({ HEALTH_PROVIDER: 'http', HEALTH_API_URL: 'https://gw.contoso.com/h' })
        .healthApiUrl,
    ).toBe('https://gw.contoso.com/h');
    expect(
      loadConfig({ HEALTH_PROVIDER: 'http', HEALTH_API_URL: 'http://127.0.0.1:8080/h' })
        .healthApiUrl,
    ).toBe('http://127.0.0.1:8080/h');
  });

  it('never shows the health API token when described for the log', () => {
    const c = loadConfig({
      HEALTH_PROVIDER: 'http',
      HEALTH_API_URL: 'https://gw.contoso.com/h',
      HEALTH_API_TOKEN: 'sekrit-token-value',
    });
    const described = describeConfig(c);
    expect(JSON.stringify(described)).not.toContain('sekrit');
    expect(described.healthApiToken).toBe('(set)');
  });

  it('asks for a token for public ARM unless the endpoint is a sovereign cloud’s', () => {
    expect(armScope('https://127.0.0.1:4443')).toBe('https://management.azure.com/.default');
    expect(armScope('https://management.azure.com')).toBe('https://management.azure.com/.default');
    expect(armScope('https://management.chinacloudapi.cn')).toBe(
      'https://management.chinacloudapi.cn/.default',
    );
  });
});

import { CONFIG_VARIABLES, describeConfig, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('runs from defaults: loopback, port 3978, SQLite, no auth', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      appId: null,
      storage: 'sqlite',
      healthProvider: 'none',
      logLevel: 'info',
    });
  });

  it('answers customers unless AUDIENCE says the bot serves a support team', () => {
    expect(loadConfig({}).audience).toBe('customer');
    expect(loadConfig({ AUDIENCE: 'support' }).audience).toBe('support');
    expect(() => loadConfig({ AUDIENCE: 'engineers' })).toThrow(/AUDIENCE/);
  });

  it('listens on all interfaces once an app id is set', () => {
    const c = loadConfig({
      MicrosoftAppId: '00000000-0000-4000-8000-000000000042',
      MicrosoftAppPassword: 's',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-0000000000aa',
    });
    expect(c.host).toBe('0.0.0.0');
    // One default everywhere (code, .env.example, deploy.md, Bicep): single-tenant.
    expect(c.appType).toBe('SingleTenant');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ MicrosoftAppId: 'my-bot' }, /MicrosoftAppId: must be the bot app registration id/],
    [{ MicrosoftAppId: '00000000-0000-4000-8000-000000000042' }, /MicrosoftAppPassword: required/],
    [
      {
        MicrosoftAppId: '00000000-0000-4000-8000-000000000042',
        MicrosoftAppPassword: 's',
        MicrosoftAppType: 'SingleTenant',
      },
      /MicrosoftAppTenantId/,
    ],
    [{ STORAGE: 'azure-blob' }, /AZURE_STORAGE_CONNECTION_STRING/],
    [{ STORAGE: 'postgres' }, /STORAGE/],
    [{ ALERT_WEBHOOK_SECRET: 'short' }, /ALERT_WEBHOOK_SECRET: must be at least 16/],
    [
      { POLL_INTERVAL_SECONDS: '5' },
      /POLL_INTERVAL_SECONDS: must be 0 \(no polling\) or 10 seconds/,
    ],
    [{ POLL_INTERVAL_SECONDS: 'hourly' }, /POLL_INTERVAL_SECONDS/],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never shows a secret when described for the log', () => {
    const c = loadConfig({
      MicrosoftAppId: '00000000-0000-4000-8000-000000000042',
      MicrosoftAppPassword: 'hunter2-hunter2',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-0000000000aa',
      ALERT_WEBHOOK_SECRET: 'x'.repeat(20),
    });
    expect(JSON.stringify(describeConfig(c))).not.toMatch(/hunter2|xxxxxxxx/);
  });

  it('lists every variable the server contract names', () => {
    for (const name of [
      'PORT',
      'HOST',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
      'DATA_DIR',
      'STORAGE',
      'AZURE_STORAGE_CONNECTION_STRING',
      'HEALTH_PROVIDER',
      'ALERT_WEBHOOK_SECRET',
      'LOG_LEVEL',
    ]) {
      expect(CONFIG_VARIABLES).toContain(name);
    }
  });
});

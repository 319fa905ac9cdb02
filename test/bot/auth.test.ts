import type { RunningApp } from '../../src/app';
import * as A from '../support/activities';
import { startTestApp } from '../support/test-app';

describe('with an app id configured', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({
      HOST: '127.0.0.1',
      MicrosoftAppId: '00000000-0000-4000-8000-000000000042',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
  });
  afterAll(() => app.close());

  it('refuses a request without a token with 401', async () => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(A.personal('https://smba.trafficmanager.net/amer/', '0x80c8305f')),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request with a token that is not a Bot Framework token with 401', async () => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not.a.jwt' },
      body: JSON.stringify(A.personal('https://smba.trafficmanager.net/amer/', '0x80c8305f')),
    });
    expect(res.status).toBe(401);
  });
});

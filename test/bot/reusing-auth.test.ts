import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { ReusingAuthentication } from '../../src/bot/reusing-auth';

const activity = (serviceUrl: string) => ({
  type: 'message',
  channelId: 'msteams',
  serviceUrl,
  conversation: { id: 'c1' },
});

describe('ReusingAuthentication', () => {
  // No app id: the SDK accepts requests without a token, as in local use.
  const auth = new ReusingAuthentication(new ConfigurationBotFrameworkAuthentication({}));

  it('gives every turn to the same service URL the same connector client', async () => {
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:1/a') as never, '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:1/a') as never, '');
    const a = await first.connectorFactory!.create('http://127.0.0.1:1/a', first.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:1/a', second.audience);
    expect(a).toBe(b);
    const other = await second.connectorFactory!.create('http://127.0.0.1:1/b', second.audience);
    expect(other).not.toBe(a);
    expect((other as unknown as { baseUri?: string }).baseUri ?? '').not.toBe(
      (a as unknown as { baseUri?: string }).baseUri,
    );
  });

  it('reuses the user token client for the same app', async () => {
    const { claimsIdentity } = await auth.authenticateRequest(
      activity('http://127.0.0.1:1/a') as never,
      '',
    );
    const a = await auth.createUserTokenClient(claimsIdentity);
    const b = await auth.createUserTokenClient(claimsIdentity);
    expect(a).toBe(b);
  });

  it('does not keep a client whose creation failed: the next turn tries again', async () => {
    let calls = 0;
    class Flaky extends ConnectorFactory {
      create(): Promise<ConnectorClient> {
        calls++;
        return calls === 1
          ? Promise.reject(new Error('token endpoint down'))
          : Promise.resolve({ calls } as unknown as ConnectorClient);
      }
    }
    const inner = new ConfigurationBotFrameworkAuthentication({});
    inner.createConnectorFactory = () => new Flaky();
    const flaky = new ReusingAuthentication(inner);
    const { claimsIdentity } = await flaky.authenticateRequest(
      activity('http://127.0.0.1:1/x') as never,
      '',
    );
    const factory = flaky.createConnectorFactory(claimsIdentity);
    await expect(factory.create('http://127.0.0.1:1/x')).rejects.toThrow('token endpoint down');
    const client = await factory.create('http://127.0.0.1:1/x');
    expect(client).toEqual({ calls: 2 });
    expect(await factory.create('http://127.0.0.1:1/x')).toBe(client);
  });
});

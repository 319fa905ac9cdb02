import {
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { StatusCodes, type Activity } from 'botbuilder';
import { Lru } from '../lru';

/** Clients kept: one per app id, channel service URL and audience the bot talks to. */
export const MAX_CLIENTS = 64;

/**
 * The SDK's authentication with its clients reused. `CloudAdapter` asks for a new Bot Connector
 * client and a new user token client on every turn, and each builds an HTTP pipeline and its
 * credentials; a bot talks to a handful of service URLs, so one client per URL does. The
 * credentials inside a client cache and renew their token, so reuse also saves token requests.
 * A client whose creation failed is not kept.
 */
export class ReusingAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Lru<string, Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly tokenClients = new Lru<string, Promise<UserTokenClient>>(MAX_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.reusing(await unauthorized(this.inner.authenticateRequest(activity, authHeader)));
  }

  async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.reusing(
      await unauthorized(this.inner.authenticateStreamingRequest(authHeader, channelIdHeader)),
    );
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.factory(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.tokenClients, appIdOf(claimsIdentity), () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
  }

  createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const made = result.connectorFactory;
    return made
      ? { ...result, connectorFactory: this.factory(result.claimsIdentity, made) }
      : result;
  }

  private factory(claimsIdentity: ClaimsIdentity, made: ConnectorFactory): ConnectorFactory {
    const connectors = this.connectors;
    const appId = appIdOf(claimsIdentity);
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return reuse(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
          made.create(serviceUrl, audience),
        );
      }
    })();
  }
}

/** What jsonwebtoken throws for a token that is forged, altered, not yet valid or expired. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * NOTE: the SDK passes jsonwebtoken's errors through (a bad signature, `alg: none`, a future
 * `nbf`), and CloudAdapter answers anything but an AuthenticationError with a 500: a forged
 * token is the caller's fault, so it becomes a 401.
 */
async function unauthorized<T>(validated: Promise<T>): Promise<T> {
  try {
    return await validated;
  } catch (err) {
    if (err instanceof AuthenticationError || !TOKEN_ERRORS.has((err as Error)?.name)) throw err;
    throw new AuthenticationError(
      `Unauthorized: ${(err as Error).message}`,
      StatusCodes.UNAUTHORIZED,
    );
  }
}

/** The app id a request speaks for: the token's audience (channels) or appid claim (emulator). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

function reuse<T>(cache: Lru<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const kept = cache.get(key);
  if (kept) return kept;
  const made = make();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  return made;
}

import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MicrosoftAppCredentials } from 'botframework-connector';
import { startTestApp, type TestApp } from './test-app';

/** The issuer Bot Framework tokens name. */
export const BOT_ISSUER = 'https://api.botframework.com';

/** A local OpenID issuer: its metadata document, and a JWKS with one RSA key endorsed for msteams. */
export interface OpenIdIssuer {
  /** Pass as BotOpenIdMetadata. */
  metadataUrl: string;
  /** The key pair whose public half the JWKS serves. */
  key: { publicKey: KeyObject; privateKey: KeyObject };
  kid: string;
  /** Requests the issuer answered (metadata and keys). */
  requests(): number;
  /** A token signed with the issuer's key (or as `opts` say: another key, another alg, HMAC). */
  jwt(claims: Record<string, unknown>, opts?: JwtOptions): string;
  close(): Promise<void>;
}

export interface JwtOptions {
  kid?: string;
  alg?: string;
  key?: KeyObject;
  hmac?: Buffer;
}

const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url');

/** Starts an issuer on a free loopback port, with a fresh RSA key named `kid`. */
export async function startOpenIdIssuer(kid: string): Promise<OpenIdIssuer> {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = key.publicKey.export({ format: 'jwk' });
  let requests = 0;
  let url = '';
  const server = createServer((req, res) => {
    requests++;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration')
      res.end(
        JSON.stringify({
          issuer: BOT_ISSUER,
          jwks_uri: `${url}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    else if (req.url === '/keys')
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kty: 'RSA', use: 'sig', kid, endorsements: ['msteams'] }],
        }),
      );
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${url}/.well-known/openidconfiguration`,
    key,
    kid,
    requests: () => requests,
    jwt(claims, opts = {}) {
      const header = { alg: opts.alg ?? 'RS256', typ: 'JWT', kid: opts.kid ?? kid };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      if (header.alg === 'none') return `${input}.`;
      const signature = opts.hmac
        ? createHmac('sha256', opts.hmac).update(input).digest()
        : sign('RSA-SHA256', Buffer.from(input), opts.key ?? key.privateKey);
      return `${input}.${b64url(signature)}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Replies need a token from Entra ID: the SDK's token cache is given `accessToken` for `appId`
 * instead, which the fake connector accepts.
 */
export function seedOutboundToken(appId: string, accessToken: string): void {
  // NOTE: the cache is private to botframework-connector; this is the one place that reaches in.
  (
    MicrosoftAppCredentials as unknown as {
      cache: Map<string, { accessToken: string; expiresOn: Date }>;
    }
  ).cache.set(`${appId}https://api.botframework.com-cache`, {
    accessToken,
    expiresOn: new Date(Date.now() + 3_600_000),
  });
}

/**
 * The app with a Bot Framework app id, trusting a local issuer started for it (signing with
 * `kid`) and sending with `outboundToken`: what the authenticated suites start. `env` adds to it.
 */
export async function startAuthenticatedApp(options: {
  kid: string;
  appId: string;
  outboundToken: string;
  env?: Record<string, string>;
}): Promise<{ issuer: OpenIdIssuer; app: TestApp }> {
  const issuer = await startOpenIdIssuer(options.kid);
  seedOutboundToken(options.appId, options.outboundToken);
  const app = await startTestApp({
    HOST: '127.0.0.1',
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'MultiTenant',
    BotOpenIdMetadata: issuer.metadataUrl,
    ...options.env,
  });
  return { issuer, app };
}

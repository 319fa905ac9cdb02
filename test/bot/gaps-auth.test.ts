/**
 * The `gaps` command's admin check on authenticated requests: a local issuer serves OpenID
 * metadata and a JWKS, the app validates Bot Framework tokens against it (BotOpenIdMetadata),
 * and the sender's Entra object id decides. Only a listed admin gets the card.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MicrosoftAppCredentials } from 'botframework-connector';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { validateCard } from '../support/validate-card';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';

const APP_ID = '00000000-0000-4000-8000-000000000042';
const ISSUER = 'https://api.botframework.com';
const KID = 'afsbot-gaps-key';
const OTHER_USER = {
  ...A.USER,
  id: '29:user-2',
  aadObjectId: '6a1c9a1e-0000-4000-8000-000000000002',
};

const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const connector = new FakeConnector();
let issuer: Server;
let app: RunningApp;

const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url');
function token(): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: connector.url,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
  };
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KID }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), key.privateKey))}`;
}

beforeAll(async () => {
  await connector.start();
  const jwk = key.publicKey.export({ format: 'jwk' });
  let url = '';
  issuer = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration')
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${url}/keys` }));
    else if (req.url === '/keys')
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kty: 'RSA', use: 'sig', kid: KID, endorsements: ['msteams'] }],
        }),
      );
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
  // NOTE: replies need a token from Entra ID; the SDK's token cache is given one instead.
  (
    MicrosoftAppCredentials as unknown as {
      cache: Map<string, { accessToken: string; expiresOn: Date }>;
    }
  ).cache.set(`${APP_ID}https://api.botframework.com-cache`, {
    accessToken: 'outbound-token-for-the-fake-connector',
    expiresOn: new Date(Date.now() + 3_600_000),
  });
  app = await startApp(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      BotOpenIdMetadata: `${url}/.well-known/openidconfiguration`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-gaps-auth-')),
      GAPS_RETENTION_DAYS: '30',
      GAPS_ADMINS: `00000000-0000-4000-8000-0000000000ff, ${A.USER.aadObjectId.toUpperCase()}`,
      LOG_LEVEL: 'silent',
    }),
    createLogger('silent'),
  );
});
afterAll(async () => {
  await app?.close();
  await connector.stop();
  await new Promise((resolve) => issuer.close(resolve));
});

let seq = 0;
/** Sends `text` from `from` with a valid token; returns what the bot sent back. */
async function say(text: string, from: object): Promise<Record<string, unknown>[]> {
  const conv = `a:gaps-auth-${++seq}`;
  const activity = A.personal(connector.url, text, { from });
  activity.conversation = { ...(activity.conversation as object), id: conv };
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token()}` },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
  return connector.sentTo(conv);
}

const cardsOf = (a: Record<string, unknown>) =>
  ((a.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map(
    (x) => x.content,
  );

describe('the gaps command on an authenticated bot', () => {
  it('answers a listed admin with the gaps card, the questions recorded so far in it', async () => {
    await say(
      'server endpoint health No Activity on FS01 and registered servers blade says Appears offline',
      OTHER_USER,
    );
    await app.services.gaps!.settled();
    const [reply] = await say('gaps', A.USER);
    const [card] = cardsOf(reply);
    expect(card).toBeDefined();
    expect(validateCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Knowledge gaps');
    expect(text).toContain('registered servers blade says Appears offline');
    expect(text).not.toContain('FS01');
  });

  it('refuses anyone else, with a sentence and no card', async () => {
    const [reply] = await say('gaps', OTHER_USER);
    expect(cardsOf(reply)).toEqual([]);
    expect(reply.text).toMatch(/GAPS_ADMINS/);
  });

  it('refuses a sender with no Entra object id', async () => {
    const [reply] = await say('gaps', { id: '29:guest', name: 'Guest' });
    expect(cardsOf(reply)).toEqual([]);
  });
});

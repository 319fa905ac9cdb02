/**
 * The `gaps` command's admin check on authenticated requests: a local issuer serves OpenID
 * metadata and a JWKS, the app validates Bot Framework tokens against it (BotOpenIdMetadata),
 * and the sender's Entra object id decides. Only a listed admin gets the card.
 */
import type { RunningApp } from '../../src/app';
import { validateCard } from '../support/validate-card';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { BOT_ISSUER, startAuthenticatedApp, type OpenIdIssuer } from '../support/openid-issuer';

const APP_ID = '00000000-0000-4000-8000-000000000042';
const KID = 'afsbot-gaps-key';
const OTHER_USER = {
  ...A.USER,
  id: '29:user-2',
  aadObjectId: '6a1c9a1e-0000-4000-8000-000000000002',
};

const connector = new FakeConnector();
let issuer: OpenIdIssuer;
let app: RunningApp;

function token(): string {
  const now = Math.floor(Date.now() / 1000);
  return issuer.jwt({
    iss: BOT_ISSUER,
    aud: APP_ID,
    serviceurl: connector.url,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
  });
}

beforeAll(async () => {
  await connector.start();
  ({ issuer, app } = await startAuthenticatedApp({
    kid: KID,
    appId: APP_ID,
    outboundToken: 'outbound-token-for-the-fake-connector',
    env: {
      GAPS_RETENTION_DAYS: '30',
      GAPS_ADMINS: `00000000-0000-4000-8000-0000000000ff, ${A.USER.aadObjectId.toUpperCase()}`,
    },
  }));
});
afterAll(async () => {
  await app?.close();
  await connector.stop();
  await issuer.close();
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

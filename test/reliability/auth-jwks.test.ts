/**
 * Bot Framework authentication for real: a local issuer serves an OpenID metadata document and
 * its JWKS (an RSA key endorsed for "msteams"), the app validates against it through
 * BotOpenIdMetadata, and tokens are signed here with node:crypto. Only a valid token gets an
 * answer; every defect is a 401 and nothing is sent.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { RunningApp } from '../../src/app';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { record } from './record';
import { STACK_FRAME } from './reply-checks';
import {
  BOT_ISSUER,
  startAuthenticatedApp,
  type OpenIdIssuer,
  type JwtOptions,
} from '../support/openid-issuer';

const APP_ID = '00000000-0000-4000-8000-000000000042';
const KID = 'afsbot-test-key';
/** What Entra ID would have issued the bot for its replies (seeded into the SDK's cache). */
const OUTBOUND_TOKEN = 'outbound-token-for-the-fake-connector';

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const connector = new FakeConnector();
let issuer: OpenIdIssuer;
let app: RunningApp;

const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url');
const jwt = (claims: Record<string, unknown>, opts?: JwtOptions) => issuer.jwt(claims, opts);

const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: BOT_ISSUER,
  aud: APP_ID,
  serviceurl: connector.url,
  nbf: now() - 60,
  iat: now() - 60,
  exp: now() + 3600,
  ...extra,
});

beforeAll(async () => {
  await connector.start();
  ({ issuer, app } = await startAuthenticatedApp({
    kid: KID,
    appId: APP_ID,
    outboundToken: OUTBOUND_TOKEN,
  }));
  // The SDK prints each refused token on the console; the statuses say all.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app?.close();
  await connector.stop();
  await issuer.close();
});

let seq = 0;
/** Posts a message with these headers; returns the status and what the bot sent back. */
async function post(
  authorization: string | undefined,
  channelId = 'msteams',
): Promise<{ status: number; body: string; sent: Record<string, unknown>[] }> {
  const conv = `a:auth-${++seq}`;
  const activity = A.personal(connector.url, '0x80c8305f');
  activity.conversation = { ...(activity.conversation as object), id: conv };
  activity.channelId = channelId;
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(authorization === undefined ? {} : { Authorization: authorization }),
    },
    body: JSON.stringify(activity),
  });
  const body = await res.text();
  return { status: res.status, body, sent: connector.sentTo(conv) };
}

const hmacWithPublicKey = () =>
  jwt(claims(), {
    alg: 'HS256',
    hmac: issuer.key.publicKey.export({ format: 'pem', type: 'spki' }) as Buffer,
  });

/** Every way a request can fail to prove it comes from the channel. */
const REFUSED: [string, () => string | undefined, string?][] = [
  ['no Authorization header', () => undefined],
  ['expired token', () => `Bearer ${jwt(claims({ exp: now() - 600, iat: now() - 4000 }))}`],
  ['token not valid yet', () => `Bearer ${jwt(claims({ nbf: now() + 600 }))}`],
  [
    'wrong audience',
    () => `Bearer ${jwt(claims({ aud: '00000000-0000-4000-8000-000000000099' }))}`,
  ],
  ['no audience', () => `Bearer ${jwt(claims({ aud: undefined }))}`],
  ['wrong issuer', () => `Bearer ${jwt(claims({ iss: 'https://evil.example' }))}`],
  ['signed by another key', () => `Bearer ${jwt(claims(), { key: otherKey.privateKey })}`],
  [
    'unknown kid',
    () => `Bearer ${jwt(claims(), { kid: 'no-such-key', key: otherKey.privateKey })}`,
  ],
  ['alg none', () => `Bearer ${jwt(claims(), { alg: 'none' })}`],
  ['HS256 with the public key as secret', () => `Bearer ${hmacWithPublicKey()}`],
  [
    'payload altered after signing',
    () => {
      const [h, , s] = jwt(claims()).split('.');
      return `Bearer ${h}.${b64url(JSON.stringify(claims({ aud: APP_ID, admin: true })))}.${s}`;
    },
  ],
  [
    'serviceurl claim for another service',
    () => `Bearer ${jwt(claims({ serviceurl: 'https://evil.example/' }))}`,
  ],
  ['a channel the key is not endorsed for', () => `Bearer ${jwt(claims())}`, 'webchat'],
  ['malformed: Bearer alone', () => 'Bearer'],
  ['malformed: Basic scheme', () => `Basic ${b64url('user:pass')}`],
  ['malformed: not a JWT', () => 'Bearer not.a.jwt'],
  ['malformed: two tokens', () => `Bearer ${jwt(claims())} ${jwt(claims())}`],
  ['malformed: lowercase scheme', () => `bearer ${jwt(claims())}`],
  ['malformed: garbage', () => `Bearer ${b64url('{"alg":')}.${b64url('\u0000')}.x`],
];

describe('with BotOpenIdMetadata pointing at a local issuer', () => {
  it('answers a request with a valid channel token, and replies with its own token', async () => {
    const res = await post(`Bearer ${jwt(claims())}`);
    expect(res.status).toBe(200);
    expect(res.sent).toHaveLength(1);
    expect(JSON.stringify(res.sent[0])).toContain('0x80c8305f');
    const reply = connector.received.find((r) => r.activity === res.sent[0]);
    expect(reply?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(issuer.requests()).toBeGreaterThanOrEqual(2);
  });

  it('refuses every other token with 401 and answers nothing', async () => {
    const results: { name: string; status: number; sent: number; leak: boolean }[] = [];
    for (const [name, header, channelId] of REFUSED) {
      const res = await post(header(), channelId);
      results.push({
        name,
        status: res.status,
        sent: res.sent.length,
        leak: STACK_FRAME.test(res.body),
      });
    }
    // A valid token still works after the refusals (nothing was cached from them).
    const after = await post(`Bearer ${jwt(claims())}`);
    const held = results.filter((r) => r.status === 401 && r.sent === 0 && !r.leak).length;
    record({
      area: 'auth',
      check:
        'POST /api/messages with an app id: tokens from a local OpenID issuer (valid, expired, not yet valid, wrong audience/issuer/key/kid/serviceurl/channel, alg none, HS256 confusion, altered, malformed)',
      tried: results.length + 1,
      held: held + (after.status === 200 && after.sent.length === 1 ? 1 : 0),
      expectation:
        'the valid token answered (200); every other request 401, nothing sent, no stack trace',
      figures: Object.fromEntries(results.map((r) => [r.name, r.status])),
    });
    expect(results).toEqual(REFUSED.map(([name]) => ({ name, status: 401, sent: 0, leak: false })));
    expect(after.status).toBe(200);
    expect(after.sent).toHaveLength(1);
  });
});

/**
 * `status rg/service/group` through the bot's real HTTP endpoint with HEALTH_PROVIDER=http,
 * pointed at a local fake of the server-endpoint list API.
 */
import type { RunningApp } from '../../src/app';
import { validateCard } from '../support/validate-card';
import { failingEndpoint, healthyEndpoint, startFakeArm, type FakeArm } from '../support/fake-arm';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { startTestApp } from '../support/test-app';

const TOKEN = 'status-test-token';
const connector = new FakeConnector();
let arm: FakeArm;
let app: RunningApp;

beforeAll(async () => {
  await connector.start();
  arm = await startFakeArm({
    token: TOKEN,
    groups: {
      finance: {
        endpoints: [
          healthyEndpoint('ep-fs01', 'FS01.contoso.local'),
          failingEndpoint('ep-fs02', -2134364065, 'FS02.contoso.local'),
        ],
      },
      'down-group': { status: 503 },
      'slow-group': { delayMs: 4000, then: { endpoints: [] } },
    },
  });
  app = await startTestApp({
    HEALTH_PROVIDER: 'http',
    HEALTH_API_URL: arm.url,
    HEALTH_API_TOKEN: TOKEN,
  });
});
afterAll(async () => {
  await app.close();
  await arm.stop();
  await connector.stop();
});

let n = 0;
/** Sends `text` in a fresh 1:1 conversation and returns the messages the bot sent back. */
async function say(text: string): Promise<Record<string, unknown>[]> {
  const activity = A.personal(connector.url, text);
  const conv = { ...(activity.conversation as object), id: `a:status-${++n}` };
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, conversation: conv }),
  });
  expect(res.status).toBe(200);
  return connector.sentTo(conv.id);
}

type Attachment = { contentType: string; content: Record<string, unknown> };
const cardsOf = (a: Record<string, unknown>) =>
  ((a.attachments as Attachment[] | undefined) ?? []).map((x) => x.content);

describe('status over HTTP with a linked health API', () => {
  it('answers with the health card, read through the provider with its token', async () => {
    const sent = await say('status rg-files/sss-contoso/finance');
    expect(sent).toHaveLength(1);
    const [card] = cardsOf(sent[0]);
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('1 of 2 server endpoints need attention.');
    expect(json).toContain('FS02.contoso.local');
    expect(json).toContain(
      "Sync can't access the Azure file share specified in the cloud endpoint.",
    );
    expect(json).toContain('"entryId":"afs-err-80c8305f"');
    const req = arm.received.find((r) => r.url.includes('/syncGroups/finance/'));
    expect(req?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('says the sync group was not found, in a sentence', async () => {
    const [reply] = await say('status rg-files/sss-contoso/nowhere');
    expect(reply.text).toMatch(/^I could not find sync group rg\\-files\/sss\\-contoso\/nowhere/);
    expect(cardsOf(reply)).toEqual([]);
  });

  it('says the API is unavailable, with the status it answered, and no stack trace', async () => {
    const [reply] = await say('status rg-files/sss-contoso/down-group');
    expect(reply.text).toMatch(/^The health API is unavailable right now: .*503/);
    expect(reply.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('says the API did not answer in time', async () => {
    const [reply] = await say('status rg-files/sss-contoso/slow-group');
    expect(reply.text).toMatch(/^The health API did not answer in time for rg\\-files/);
  });
});

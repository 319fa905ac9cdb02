/**
 * Live health and alerts end to end: a channel subscribes through the bot, the poller reads a
 * local fake of the server-endpoint API (HEALTH_PROVIDER=http), and the notification reaches
 * the fake Bot Connector through the outbox and the real botbuilder transport; recovery
 * replaces the message in place. Azure Monitor alerts take the same road.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import { validateCard } from '../support/validate-card';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { failingEndpoint, healthyEndpoint, startFakeArm, type FakeArm } from '../support/fake-arm';
import { startTestApp } from '../support/test-app';

const TOKEN = 'notify-e2e-token';
const SECRET = 'alert-secret-0123456789';
const CHANNEL = '19:ops@thread.tacv2';
const connector = new FakeConnector({ record: true, enforceLimits: true });
let arm: FakeArm;
let app: RunningApp;

beforeAll(async () => {
  await connector.start();
  arm = await startFakeArm({
    token: TOKEN,
    groups: { finance: { endpoints: [healthyEndpoint('ep-fs01', 'FS01.contoso.local')] } },
  });
  app = await startTestApp({
    HEALTH_PROVIDER: 'http',
    HEALTH_API_URL: arm.url,
    HEALTH_API_TOKEN: TOKEN,
    ALERT_WEBHOOK_SECRET: SECRET,
    POLL_INTERVAL_SECONDS: '0',
  });
  // The bot is added to the channel (its reference is kept), then someone subscribes it.
  for (const activity of [
    A.botAdded(connector.url, CHANNEL),
    A.channel(connector.url, 'subscribe rg-files/sss-contoso/finance'),
  ]) {
    const conversation = { ...(activity.conversation as object), id: CHANNEL };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...activity, conversation }),
    });
    expect(res.status).toBe(200);
  }
}, 30_000);

afterAll(async () => {
  await app.close();
  await arm.stop();
  await connector.stop();
});

/** Waits until the connector has `count` proactive deliveries (the sender drains in the background). */
async function deliveries(count: number) {
  const until = Date.now() + 10_000;
  while (connector.deliveries.filter((d) => d.key).length < count && Date.now() < until)
    await new Promise((r) => setTimeout(r, 25));
  return connector.deliveries.filter((d) => d.key);
}

const proactive = () =>
  connector.received.filter((r) => (r.activity.channelData as { afsbotKey?: string })?.afsbotKey);
type Attachment = { content: Record<string, unknown> };
const cardOf = (r: { activity: Record<string, unknown> }) =>
  (r.activity.attachments as Attachment[])[0].content;

describe('notifications end to end', () => {
  it('tells the subscribed channel of a failing endpoint once, and resolves the same message', async () => {
    expect(await app.services.subscriptions.targets()).toHaveLength(1);
    arm.setGroup('finance', {
      endpoints: [failingEndpoint('ep-fs01', -2134364065, 'FS01.contoso.local')],
    });
    expect(await app.poller.poll()).toMatchObject({ failing: 1, opened: 1, notifications: 1 });
    const [sent] = await deliveries(1);
    expect(sent).toMatchObject({ method: 'POST', conversationId: CHANNEL });
    const card = cardOf(proactive()[0]);
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('0x80c8305f');

    // Polling again while it still fails sends nothing more.
    await app.poller.poll();
    arm.setGroup('finance', { endpoints: [healthyEndpoint('ep-fs01', 'FS01.contoso.local')] });
    expect(await app.poller.poll()).toMatchObject({ resolved: 1, notifications: 1 });
    const all = await deliveries(2);
    expect(all[1]).toMatchObject({ method: 'PUT', activityId: sent.activityId });
    expect(JSON.stringify(cardOf(proactive()[1]))).toContain('Resolved at');
  });

  it('turns a fired Azure Monitor alert into a card for the channel, and its resolution into an update', async () => {
    const before = (await deliveries(0)).length;
    const alert = JSON.parse(
      readFileSync(
        join(__dirname, '..', 'fixtures', 'alerts', 'sync-session-result-fired.json'),
        'utf8',
      ),
    );
    // The fixture's alert is on sss-prod/sg-finance: point it at the followed group.
    alert.data.essentials.alertTargetIDs = [
      '/subscriptions/s/resourceGroups/rg-files/providers/Microsoft.StorageSync/storageSyncServices/sss-contoso',
    ];
    alert.data.alertContext.condition.allOf[0].dimensions[0].value = 'finance';
    const post = (body: unknown) =>
      fetch(`${app.url}/api/alerts?code=${SECRET}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(alert)).status).toBe(202);
    expect((await post(alert)).status).toBe(202); // Azure Monitor posting again
    const fired = (await deliveries(before + 1))[before];
    expect(fired).toMatchObject({ method: 'POST', conversationId: CHANNEL });
    alert.data.essentials.monitorCondition = 'Resolved';
    alert.data.essentials.resolvedDateTime = '2026-11-21T09:00:00Z';
    expect((await post(alert)).status).toBe(202);
    const resolved = (await deliveries(before + 2))[before + 1];
    expect(resolved).toMatchObject({ method: 'PUT', activityId: fired.activityId });
    await new Promise((r) => setTimeout(r, 200));
    expect((await deliveries(0)).length).toBe(before + 2);
  });
});

/**
 * Notifications that used to go silently missing, driven end to end: Teams activities posted to
 * the real endpoint, the poller over a local fake of the management API, the outbox and the real
 * botbuilder transport into a fake Bot Connector that answers 403 on demand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { failingEndpoint, healthyEndpoint, startFakeArm, type FakeArm } from '../support/fake-arm';
import { startTestApp } from '../support/test-app';

const TOKEN = 'notify-gaps-token';
const SECRET = 'gaps-alert-secret-0123456789';
const connector = new FakeConnector({ record: true });
let arm: FakeArm;
let app: RunningApp;

beforeAll(async () => {
  await connector.start();
  arm = await startFakeArm({
    token: TOKEN,
    groups: {
      payroll: { endpoints: [healthyEndpoint('ep-p1', 'FS21.contoso.local')] },
      archive: { endpoints: [healthyEndpoint('ep-a1', 'FS31.contoso.local')] },
    },
  });
  app = await startTestApp({
    HEALTH_PROVIDER: 'http',
    HEALTH_API_URL: arm.url,
    HEALTH_API_TOKEN: TOKEN,
    POLL_INTERVAL_SECONDS: '0',
    ALERT_WEBHOOK_SECRET: SECRET,
  });
}, 30_000);

afterAll(async () => {
  await app.close();
  await arm.stop();
  await connector.stop();
});

async function post(activity: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
}

/** The last text the bot replied into a conversation. */
const lastReply = (conversationId: string) =>
  String(connector.sentTo(conversationId).at(-1)?.text ?? '');

/** Waits until `count` proactive requests were answered for `key` (accepted or refused). */
async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

describe('notifications with no silent gaps', () => {
  it('delivers again after a 403 drop once the user writes and subscribes again', async () => {
    const chat = 'a:personal-blocked';
    const inChat = (text: string) =>
      A.personal(connector.url, text, {
        conversation: { id: chat, conversationType: 'personal', tenantId: 't' },
      });
    await post(inChat('subscribe rg-files/sss-contoso/payroll'));
    expect(lastReply(chat)).toMatch(/^Subscribed/);

    // The user blocks the bot: the first card is refused and the conversation dropped.
    connector.removeBotFrom(chat, 'ConversationBlockedByUser');
    arm.setGroup('payroll', { endpoints: [failingEndpoint('ep-p1', -2134364065, 'FS21')] });
    await app.poller.poll();
    await until(async () => (await app.services.refs.get(chat)) === null);
    expect(await app.services.subscriptions.ofConversation(chat)).toEqual([]);
    // Not silently: the refused card is parked and counted where an operator looks.
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^afsbot_notifications_parked\{outcome="dropped"\} 1$/m);

    // Unblocked, the user writes: the reference is saved again by that very message.
    connector.addBotBack(chat);
    await post(inChat('0x80c8305f'));
    expect(await app.services.refs.get(chat)).not.toBeNull();
    await post(inChat('subscribe rg-files/sss-contoso/payroll'));
    expect(lastReply(chat)).toMatch(/^Subscribed/);

    // A new failure reaches the chat (after the old episode's resolution, posted anew).
    arm.setGroup('payroll', { endpoints: [failingEndpoint('ep-p1', -2134364064, 'FS21')] });
    await app.poller.poll();
    const opened = () =>
      connector.deliveries.filter(
        (d) => d.conversationId === chat && d.method === 'POST' && d.key?.endsWith(':open'),
      );
    await until(() => opened().length > 0);
    expect(opened()).toHaveLength(1);
    // The connector has the card before the sender hears back and marks the item done.
    const key = opened()[0].key!;
    await until(async () => (await app.services.outbox.status(key))?.status === 'done');
    expect(await app.services.outbox.status(key)).toMatchObject({ status: 'done' });
  });

  it('subscribes a channel as a whole from any thread: one card per failure, to a new channel post', async () => {
    const channelId = '19:ops-archive@thread.tacv2';
    const thread = (n: number, text: string) => {
      const a = A.channel(connector.url, text);
      return {
        ...a,
        conversation: {
          ...(a.conversation as object),
          id: `${channelId};messageid=170000000000${n}`,
        },
      };
    };
    await post(thread(1, 'subscribe rg-files/sss-contoso/archive'));
    expect(lastReply(`${channelId};messageid=1700000000001`)).toMatch(/^Subscribed/);
    await post(thread(2, 'subscribe rg-files/sss-contoso/archive'));
    expect(lastReply(`${channelId};messageid=1700000000002`)).toMatch(/already subscribed/);
    await post(thread(3, 'subscriptions'));
    expect(lastReply(`${channelId};messageid=1700000000003`)).toMatch(
      /^Subscriptions here:\s+- \S*archive/,
    );

    const before = connector.deliveries.length;
    arm.setGroup('archive', { endpoints: [failingEndpoint('ep-a1', -2134364065, 'FS31')] });
    await app.poller.poll();
    await until(() => connector.deliveries.length > before);
    await new Promise((r) => setTimeout(r, 300));
    const cards = connector.deliveries.slice(before).filter((d) => d.key);
    // Once, to the channel itself: Teams starts a new post for an id without ;messageid=.
    expect(cards.map((d) => [d.method, d.conversationId])).toEqual([['POST', channelId]]);

    await post(thread(3, 'unsubscribe rg-files/sss-contoso/archive'));
    expect(await app.services.subscriptions.ofConversation(channelId)).toEqual([]);
  });

  it('leaves a resolved card, never a stuck fired one, when Resolved arrives before Fired', async () => {
    const chat = 'a:personal-alerts';
    await post(
      A.personal(connector.url, 'subscribe rg-files/sss-contoso/payroll', {
        conversation: { id: chat, conversationType: 'personal', tenantId: 't' },
      }),
    );
    const alert = JSON.parse(
      readFileSync(
        join(__dirname, '..', 'fixtures', 'alerts', 'sync-session-result-fired.json'),
        'utf8',
      ),
    );
    alert.data.essentials.alertId =
      '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/out-of-order-1';
    alert.data.essentials.alertTargetIDs = [
      '/subscriptions/s/resourceGroups/rg-files/providers/Microsoft.StorageSync/storageSyncServices/sss-contoso',
    ];
    alert.data.alertContext.condition.allOf[0].dimensions[0].value = 'payroll';
    const resolved = structuredClone(alert);
    resolved.data.essentials.monitorCondition = 'Resolved';
    resolved.data.essentials.resolvedDateTime = '2026-11-21T09:30:00Z';
    for (const body of [resolved, alert]) {
      const res = await fetch(`${app.url}/api/alerts?code=${SECRET}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(202);
    }
    const cards = () =>
      connector.received.filter(
        (r) =>
          r.conversationId === chat &&
          r.activity.channelData &&
          (r.activity.channelData as { afsbotKey?: string }).afsbotKey,
      );
    await until(() => cards().length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(cards()).toHaveLength(1);
    expect(JSON.stringify(cards()[0].activity.attachments)).toContain(
      'Resolved at 2026-11-21 09:30:00 UTC',
    );
  });
});

import { alertCard, type NotificationState } from '../cards';
import type { CommonAlert } from './alert-schema';
import type { NotificationQueue } from './notification';
import { digest } from './poll-state';
import type { Subscription, Subscriptions } from './subscriptions';
import { targetKey, type SyncGroupTarget } from './sync-group-target';

const SERVICE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.StorageSync\/storageSyncServices\/([^/]+)/i;

/** The Storage Sync Services an alert is about, as `rg/service` (lowercase). */
function servicesOf(alert: CommonAlert): string[] {
  const out = new Set<string>();
  for (const id of alert.data.essentials.alertTargetIDs) {
    const m = SERVICE_ID.exec(id);
    if (m) out.add(`${m[1]}/${m[2]}`.toLowerCase());
  }
  return [...out];
}

/** The sync group a metric alert names in its `SyncGroupName` dimension, if any. */
function syncGroupsOf(alert: CommonAlert): Set<string> {
  const groups = new Set<string>();
  for (const c of alert.data.alertContext?.condition?.allOf ?? [])
    for (const d of c.dimensions ?? [])
      if (d.name.toLowerCase() === 'syncgroupname') groups.add(d.value.toLowerCase());
  return groups;
}

const shownTarget = (t: SyncGroupTarget) => `${t.resourceGroup}/${t.service}/${t.group}`;

/**
 * Turns an Azure Monitor alert on a Storage Sync Service into notifications for the
 * conversations subscribed to its sync groups (those the alert names, or every group of the
 * service when it names none). Fired sends a card; Resolved replaces that card in place. Keys
 * come from the alert id, so a repeated post queues nothing twice.
 */
export class AlertNotifier {
  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly queue: NotificationQueue,
  ) {}

  /** Queues the alert's notifications; returns how many were new. */
  async notify(alert: CommonAlert, at: Date): Promise<number> {
    const e = alert.data.essentials;
    const services = servicesOf(alert);
    if (services.length === 0) return 0;
    const groups = syncGroupsOf(alert);
    const targets = await this.subscriptions.targets();
    const followed = targets.filter((t) => {
      const [rg, service, group] = targetKey(t).split('/');
      return services.includes(`${rg}/${service}`) && (groups.size === 0 || groups.has(group));
    });
    const subs: Subscription[] = [];
    for (const t of followed) subs.push(...(await this.subscriptions.ofTarget(t)));
    const conversations = new Map<string, SyncGroupTarget[]>();
    for (const s of subs)
      conversations.set(s.conversationId, [
        ...(conversations.get(s.conversationId) ?? []),
        s.target,
      ]);
    const fired = e.monitorCondition === 'Fired';
    const state: NotificationState = fired
      ? { open: true, since: e.firedDateTime }
      : { open: false, since: e.firedDateTime, resolvedAt: e.resolvedDateTime ?? at.toISOString() };
    const alertKey = digest(e.alertId);
    let queued = 0;
    for (const [conversationId, followedTargets] of conversations) {
      const card = alertCard(
        {
          rule: e.alertRule,
          severity: e.severity,
          target: followedTargets.map(shownTarget).join(', '),
          conditions: (alert.data.alertContext?.condition?.allOf ?? []).map((c) =>
            [
              `${c.metricName}${c.metricValue !== undefined && c.metricValue !== null ? ` = ${c.metricValue}` : ''}`,
              ...(c.dimensions ?? []).map((d) => `${d.name} ${d.value}`),
            ].join(', '),
          ),
          description: e.description ?? null,
        },
        state,
      );
      const open = `alert:${alertKey}:${digest(conversationId)}:open`;
      const fresh = await this.queue.enqueue({
        key: fired ? open : `alert:${alertKey}:${digest(conversationId)}:resolved`,
        conversationId,
        kind: fired ? 'send' : 'update',
        ...(fired ? {} : { replaces: open }),
        card: { ...card },
        summary: `${fired ? 'Alert' : 'Resolved'}: ${e.alertRule}`.slice(0, 200),
        syncGroup: followedTargets.map(shownTarget).join(', ').slice(0, 400),
        createdAt: at.toISOString(),
      });
      if (fresh) queued++;
    }
    return queued;
  }
}

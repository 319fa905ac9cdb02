import { z } from 'zod';
import { alertCard, type NotificationState } from '../cards';
import type { KvStore } from '../storage/kv-store';
import { writeIfUnchanged } from '../storage/conditional-write';
import type { CommonAlert } from './alert-schema';
import type { NotificationQueue } from './notification';
import { digest } from './poll-state';
import type { Subscription, Subscriptions } from './subscriptions';
import { targetKey, type SyncGroupTarget } from '../health/sync-group-target';

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

/** The latest condition of an alert, by the alert's own time (`alert-state/<digest>`). */
const AlertState = z.object({ condition: z.enum(['Fired', 'Resolved']), time: z.number() });
type AlertState = z.infer<typeof AlertState>;

/** When the alert says its condition began: fired or resolved time; `at` when unreadable. */
function timeOf(alert: CommonAlert, at: Date): number {
  const e = alert.data.essentials;
  const t = Date.parse(
    (e.monitorCondition === 'Fired' ? e.firedDateTime : e.resolvedDateTime) ?? '',
  );
  return Number.isNaN(t) ? at.getTime() : t;
}

/** True when `next` is not older than `prev`: later, or the same moment with Resolved winning. */
function isCurrent(prev: AlertState, next: AlertState): boolean {
  if (next.time !== prev.time) return next.time > prev.time;
  return next.condition === prev.condition || next.condition === 'Resolved';
}

/**
 * Turns an Azure Monitor alert on a Storage Sync Service into notifications for the
 * conversations subscribed to its sync groups (those the alert names, or every group of the
 * service when it names none). Fired sends a card; Resolved replaces that card in place. Keys
 * come from the alert id, so a repeated post queues nothing twice.
 *
 * Azure Monitor does not promise order: the alert's state follows its own timestamps, so a Fired
 * that arrives after its Resolved (whose card was posted on its own) queues nothing.
 */
export class AlertNotifier {
  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly queue: NotificationQueue,
    private readonly kv: KvStore,
  ) {}

  /** Queues the alert's notifications; returns how many were new (0 for a stale condition). */
  async notify(alert: CommonAlert, at: Date): Promise<number> {
    const e = alert.data.essentials;
    const services = servicesOf(alert);
    if (services.length === 0) return 0;
    if (
      !(await this.advance(e.alertId, { condition: e.monitorCondition, time: timeOf(alert, at) }))
    )
      return 0;
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

  /**
   * Records `next` as the alert's state unless a later one is stored; false when it is stale.
   * Written before the notifications: a crash after it repeats nothing (the post comes again,
   * is current, and the outbox refuses keys it holds).
   */
  private async advance(alertId: string, next: AlertState): Promise<boolean> {
    const key = `alert-state/${digest(alertId)}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.kv.read(key);
      const prev = stored ? AlertState.safeParse(stored.value) : null;
      if (prev?.success && !isCurrent(prev.data, next)) return false;
      if (await writeIfUnchanged(this.kv, key, next, stored?.etag ?? null)) return true;
      // Another post of this alert wrote first: decide again against what it wrote.
    }
    throw new Error(`alert ${alertId}: its state kept changing under five attempts to record it`);
  }
}

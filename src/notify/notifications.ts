import type { HealthProvider } from '../health/types';
import type { Entry } from '../knowledge/schema';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { ConversationRefs } from '../storage/conversation-refs';
import type { KvStore } from '../storage/kv-store';
import type { Leadership } from '../storage/leadership';
import { AlertNotifier } from './alert-notifier';
import type { Outbox } from './outbox';
import { PollState } from './poll-state';
import { Poller } from './poller';
import { Sender } from './sender';
import type { Subscriptions } from './subscriptions';
import type { ProactiveTransport } from './transport';
import { WakeSignal } from './wake-signal';

/** What the notification side takes from the host. */
export interface NotificationParts {
  kv: KvStore;
  outbox: Outbox;
  transport: ProactiveTransport;
  refs: ConversationRefs;
  subscriptions: Subscriptions;
  health: HealthProvider;
  /** The knowledge entry that explains a `0x…` code, if any. */
  explain(hresult: string): Entry | undefined;
  leadership: Pick<Leadership, 'isLeader' | 'recheckMs'>;
  /** Several instances share the store: one that queues while another sends tells it so. */
  shared: boolean;
  metrics?: Metrics;
  log: Logger;
}

/** The poller, the alert notifier and the sender, wired to one outbox. */
export interface Notifications {
  sender: Sender;
  poller: Poller;
  alerts: AlertNotifier;
}

/**
 * Wires everything that queues notifications and what sends them. The sender is woken one way
 * only: by the outbox, after each notification it stores, whoever queued it.
 */
export function wireNotifications(p: NotificationParts): Notifications {
  const sender = new Sender({
    outbox: p.outbox,
    transport: p.transport,
    refs: p.refs,
    subscriptions: p.subscriptions,
    metrics: p.metrics,
    log: p.log.child({ component: 'sender' }),
    // Asked before every send too: a leader deposed mid-drain sends nothing more.
    isLeader: () => p.leadership.isLeader(),
    followerRecheckMs: p.leadership.recheckMs,
    // With one instance there is nobody to wake.
    signal: p.shared ? new WakeSignal(p.kv, p.log.child({ component: 'wake-signal' })) : undefined,
  });
  const poller = new Poller({
    health: p.health,
    subscriptions: p.subscriptions,
    state: new PollState(p.kv),
    queue: p.outbox,
    explain: p.explain,
    isLeader: () => p.leadership.isLeader(),
    now: () => new Date(),
    log: p.log.child({ component: 'poller' }),
  });
  return { sender, poller, alerts: new AlertNotifier(p.subscriptions, p.outbox, p.kv) };
}

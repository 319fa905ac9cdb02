import { syncFailureCard, type NotificationState } from '../cards';
import { isAppError } from '../errors';
import type { HealthProvider } from '../health/types';
import type { Entry } from '../knowledge/schema';
import type { Logger } from '../log';
import { notifyAfterMs } from './escalation-policy';
import { failuresOf, type CurrentFailure } from './failures';
import type { NotificationQueue } from './notification';
import { digest, type EpisodeState, type PollState } from './poll-state';
import type { Subscriptions } from './subscriptions';
import { targetKey, type SyncGroupTarget } from '../health/sync-group-target';

/** What one poll cycle did, for logs, metrics and tests. */
export interface PollReport {
  targets: number;
  endpoints: number;
  failing: number;
  opened: number;
  resolved: number;
  notifications: number;
  errors: { target: string; code: string }[];
}

export interface PollerDeps {
  health: HealthProvider;
  subscriptions: Subscriptions;
  state: PollState;
  queue: NotificationQueue;
  /** The knowledge entry that explains a `0x…` code (a session error first), if any. */
  explain(hresult: string): Entry | undefined;
  /** Only the elected instance polls (one per shared store). */
  isLeader(): Promise<boolean>;
  now(): Date;
  log: Logger;
}

const shownTarget = (t: SyncGroupTarget) => `${t.resourceGroup}/${t.service}/${t.group}`;

/** Sync groups read at once in one cycle. */
const TARGETS_AT_ONCE = 4;

/** Keys of the messages of one episode in one conversation. */
export const openKey = (episode: string, conversationId: string) =>
  `poll:${episode}:${digest(conversationId)}:open`;
const resolvedKey = (episode: string, conversationId: string) =>
  `poll:${episode}:${digest(conversationId)}:resolved`;

/**
 * Polls the health of every subscribed sync group and tells subscribers of changes: a failure
 * that starts (at once, or once it has lasted as long as its article says to wait), a new code
 * (the old message is closed, a new one sent), and recovery (the message is replaced in place by
 * its resolved state). Notifications are queued before the state is saved, under keys derived
 * from the failure itself, so a crash between the two repeats nothing.
 */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollReport | null> | null = null;

  constructor(private readonly deps: PollerDeps) {}

  /** Polls every `intervalMs` (no overlap: a slow cycle delays the next). */
  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops polling and waits for a cycle under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.cycle().catch((err: unknown) => {
      this.deps.log.error({ err }, 'poll cycle failed');
      return null;
    });
    await this.running;
    this.running = null;
  }

  /** One cycle if this instance is the elected poller; null when it is not. */
  async cycle(): Promise<PollReport | null> {
    return (await this.deps.isLeader()) ? this.poll() : null;
  }

  /** One cycle over every subscribed sync group. */
  async poll(): Promise<PollReport> {
    const report: PollReport = {
      targets: 0,
      endpoints: 0,
      failing: 0,
      opened: 0,
      resolved: 0,
      notifications: 0,
      errors: [],
    };
    const targets = await this.deps.subscriptions.targets();
    report.targets = targets.length;
    let next = 0;
    const worker = async () => {
      while (next < targets.length) await this.pollTarget(targets[next++], report);
    };
    await Promise.all(Array.from({ length: Math.min(TARGETS_AT_ONCE, targets.length) }, worker));
    this.deps.log.info({ ...report, errors: report.errors.length }, 'poll cycle');
    return report;
  }

  private async pollTarget(target: SyncGroupTarget, report: PollReport): Promise<void> {
    const { deps } = this;
    let health;
    try {
      health = await deps.health.syncGroup(target);
    } catch (err) {
      // A sync group that cannot be read changes nothing: no recovery is inferred from silence.
      const code = isAppError(err) ? err.code : 'health_api_unavailable';
      report.errors.push({ target: targetKey(target), code });
      deps.log.warn({ target: targetKey(target), err }, 'sync group health not read');
      return;
    }
    report.endpoints += health.endpoints.length;
    const now = deps.now();
    const stored = await deps.state.all(target);
    const seen = new Set<string>();
    const subscribers = (await deps.subscriptions.ofTarget(target)).map((s) => s.conversationId);
    for (const f of failuresOf(health)) {
      report.failing++;
      const key = deps.state.key(target, f.endpointId, f.direction);
      seen.add(key);
      const episode = digest(
        [targetKey(target), f.endpointId.toLowerCase(), f.direction, f.hresult, f.lastSuccess].join(
          '|',
        ),
      );
      let state = stored.get(key);
      if (state && state.episode !== episode) {
        const note = `now failing with ${f.hresult ?? 'an error without a code'}`;
        report.notifications += await this.close(target, state, now, note);
        report.resolved++;
        state = undefined;
      }
      state ??= {
        episode,
        endpointId: f.endpointId,
        endpointName: f.endpointName,
        server: f.server,
        direction: f.direction,
        hresult: f.hresult,
        firstSeen: now.toISOString(),
        notifiedTo: null,
      };
      if (state.notifiedTo === null) {
        const entry = f.hresult ? deps.explain(f.hresult) : undefined;
        const waited = now.getTime() - Date.parse(state.firstSeen);
        if (waited >= notifyAfterMs(entry, f.hresult)) {
          report.notifications += await this.open(target, f, state, subscribers);
          state = { ...state, notifiedTo: subscribers };
          report.opened++;
        }
      }
      await deps.state.put(key, state);
    }
    for (const [key, state] of stored) {
      if (seen.has(key)) continue;
      report.notifications += await this.close(target, state, now);
      report.resolved++;
      await deps.state.remove(key);
    }
  }

  private failure(
    target: SyncGroupTarget,
    s: EpisodeState | CurrentFailure,
    hresult: string | null,
  ) {
    const entry = hresult ? this.deps.explain(hresult) : undefined;
    return {
      syncGroup: `${target.resourceGroup}/${target.service}/${target.group}`,
      endpoint: s.endpointName,
      server: s.server,
      direction: s.direction,
      hresult,
      // The error string the knowledge gives the code (ECS_E_…), shown beside the hex.
      errorName: entry?.codes.find((c) => c.hresult === hresult)?.errorString ?? null,
      entry,
    };
  }

  private async open(
    target: SyncGroupTarget,
    f: CurrentFailure,
    state: EpisodeState,
    conversations: string[],
  ): Promise<number> {
    const view: NotificationState = { open: true, since: state.firstSeen };
    const card = syncFailureCard(this.failure(target, f, f.hresult), view);
    let queued = 0;
    for (const conversationId of conversations) {
      const fresh = await this.deps.queue.enqueue({
        key: openKey(state.episode, conversationId),
        conversationId,
        kind: 'send',
        card: { ...card },
        summary: `Sync failing on ${f.server ?? f.endpointName}`.slice(0, 200),
        syncGroup: shownTarget(target),
        createdAt: this.deps.now().toISOString(),
      });
      if (fresh) queued++;
    }
    return queued;
  }

  /** Replaces each message sent for an episode by its resolved state. */
  private async close(
    target: SyncGroupTarget,
    state: EpisodeState,
    now: Date,
    note?: string,
  ): Promise<number> {
    if (!state.notifiedTo?.length) return 0;
    const view: NotificationState = {
      open: false,
      since: state.firstSeen,
      resolvedAt: now.toISOString(),
      ...(note ? { note } : {}),
    };
    const card = syncFailureCard(this.failure(target, state, state.hresult), view);
    let queued = 0;
    for (const conversationId of state.notifiedTo) {
      const fresh = await this.deps.queue.enqueue({
        key: resolvedKey(state.episode, conversationId),
        conversationId,
        kind: 'update',
        replaces: openKey(state.episode, conversationId),
        card: { ...card },
        summary: `Resolved: ${state.server ?? state.endpointName}`.slice(0, 200),
        syncGroup: shownTarget(target),
        createdAt: now.toISOString(),
      });
      if (fresh) queued++;
    }
    return queued;
  }
}

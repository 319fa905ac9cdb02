/**
 * Three `afsbot serve` processes sharing one Azure Blob store (Azurite), each reaching it
 * through its own StorageProxy, all sending to one FakeConnector: what the multi-instance
 * checks drive, and the figures they read (who leads, what each channel received, how fast).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from '../support/activities';
import { APP_LIMITS, FakeConnector, type Delivery, type Incoming } from '../support/fake-connector';
import { FIXTURES } from '../helpers';
import { Azurite } from '../support/azurite';
import { freePort, kill9, post, say, serve, waitFor, type ServeChild } from './fault-harness';
import { StorageProxy } from '../support/storage-proxy';

export const SECRET = 'multi-instance-secret-0123456789';
/** The shortest lease Azure allows: a crashed leader is replaced within this many seconds. */
export const LEASE_SECONDS = 15;
const TARGET = 'rg-files/sss-prod/sg-finance';
const alert = JSON.parse(
  readFileSync(join(FIXTURES, 'alerts', 'sync-session-result-fired.json'), 'utf8'),
);

/** What one fault did to one alert's cards. */
export interface Outcome {
  delivered: number;
  lost: number;
  duplicated: number;
  /** Most cards accepted in any one second, all instances together. */
  maxPerSecond: number;
  /** Requests the connector refused because the app went over 50 a second. */
  throttled: number;
}

/** One instance: its process (null while down) and its own path to storage. */
interface Instance {
  proc: ServeChild | null;
  proxy: StorageProxy;
  dataDir: string;
}

/** The cluster under test. */
export class Cluster {
  readonly connector: FakeConnector;
  readonly instances: Instance[] = [];
  azurite!: Azurite;
  azuritePort = 0;
  /** Called for each card request before it is answered; false drops it unanswered. */
  onRequest: ((r: Incoming) => boolean | void) | null = null;

  constructor(
    readonly channels: string[],
    private readonly size = 3,
  ) {
    this.connector = new FakeConnector({
      record: true,
      enforceLimits: true,
      beforeAnswer: (r) => (r.key ? this.onRequest?.(r) : undefined),
    });
  }

  async start(): Promise<void> {
    await this.connector.start();
    this.azuritePort = await freePort();
    this.azurite = new Azurite({ port: this.azuritePort });
    await this.azurite.start();
    for (let i = 0; i < this.size; i++) {
      const proxy = new StorageProxy(this.azuritePort);
      await proxy.start();
      this.instances.push({
        proc: null,
        proxy,
        dataDir: mkdtempSync(join(tmpdir(), `afsbot-multi-${i}-`)),
      });
    }
    await Promise.all(this.instances.map((_, i) => this.startInstance(i)));
  }

  async startInstance(i: number): Promise<void> {
    const inst = this.instances[i];
    inst.proc = await serve({
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: inst.proxy.through(this.azurite.connectionString),
      DATA_DIR: inst.dataDir,
      ALERT_WEBHOOK_SECRET: SECRET,
      LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'info',
    });
  }

  async killInstance(i: number): Promise<void> {
    const proc = this.instances[i].proc;
    this.instances[i].proc = null;
    if (proc) await kill9(proc);
  }

  /** Storage restarted empty (in memory, same port): everything it held is gone. */
  async restartStorageEmpty(): Promise<void> {
    await this.azurite.stop();
    this.azurite = new Azurite({ port: this.azuritePort });
    await this.azurite.start();
  }

  async stop(): Promise<void> {
    for (let i = 0; i < this.instances.length; i++) await this.killInstance(i);
    for (const inst of this.instances) await inst.proxy.stop();
    await this.azurite?.stop();
    await this.connector.stop();
  }

  url(i: number): string {
    return this.instances[i].proc!.url;
  }

  /** Log lines (pino JSON) of instance i whose message matches. */
  logLines(i: number, msg: RegExp): Record<string, unknown>[] {
    const out = this.instances[i].proc?.output() ?? '';
    return out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => msg.test(String(l.msg)));
  }

  /** Instances whose latest lease event says they hold it. */
  leaders(): number[] {
    return this.instances.flatMap((inst, i) => {
      if (!inst.proc) return [];
      // Renewal trouble in between ("renewal failing", "renewed again") changes no holder.
      const events = this.logLines(i, /^(took|lost) the poller lease/);
      const last = events[events.length - 1];
      return last && /took/.test(String(last.msg)) ? [i] : [];
    });
  }

  /** Waits until exactly one live instance leads; returns it. */
  async leader(ms = 40_000): Promise<number> {
    if (!(await waitFor(() => this.leaders().length === 1, ms)))
      throw new Error(`no single leader after ${ms} ms: ${JSON.stringify(this.leaders())}`);
    return this.leaders()[0];
  }

  /** A live instance other than `not`. */
  follower(not: number): number {
    return this.instances.findIndex((inst, i) => i !== not && inst.proc);
  }

  /** Adds the bot to every channel and subscribes it, round-robin over the live instances. */
  async subscribeAll(): Promise<void> {
    const live = this.instances.flatMap((inst, i) => (inst.proc ? [i] : []));
    await Promise.all(
      live.map(async (_, k) => {
        for (let c = k; c < this.channels.length; c += live.length) {
          const url = this.url(live[k]);
          const channel = this.channels[c];
          if ((await post(url, A.botAdded(this.connector.url, channel), channel)) !== 200)
            throw new Error(`bot not added to ${channel}`);
          const reply = await say(url, this.connector, channel, `subscribe ${TARGET}`);
          if (!/^Subscribed/.test(reply.text))
            throw new Error(`${channel} not subscribed: ${reply.status} ${reply.text}`);
        }
      }),
    );
    // Teams counts replies against the app's limit as it counts cards; the replies just sent
    // are no instance's cards, so the checks that follow start once they are out of its window.
    const [[windowMs]] = APP_LIMITS;
    await waitFor(() => Date.now() - (this.connector.deliveries.at(-1)?.at ?? 0) > windowMs, 5000);
  }

  /** Posts a fired alert (a new id each time) to instance i; resolves with the HTTP status. */
  async fire(i: number, id: string): Promise<number> {
    const body = structuredClone(alert);
    body.data.essentials.alertId = `${body.data.essentials.alertId}-${id}`;
    const res = await fetch(`${this.url(i)}/api/alerts?code=${SECRET}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  /** Cards accepted since delivery number `from`. */
  since(from: number): Delivery[] {
    return this.connector.deliveries.slice(from).filter((d) => d.key);
  }

  /** Waits until every channel has a card since `from` (or `ms` passed); true when all do. */
  allDelivered(from: number, ms: number): Promise<boolean> {
    return waitFor(
      () => new Set(this.since(from).map((d) => d.conversationId)).size >= this.channels.length,
      ms,
    );
  }

  /** What the cards since `from` (and the throttling since `throttledFrom`) add up to. */
  outcome(from: number, throttledFrom: number): Outcome {
    const cards = this.since(from);
    const per = new Map<string, number>();
    for (const d of cards) per.set(d.conversationId, (per.get(d.conversationId) ?? 0) + 1);
    const times = cards.map((d) => d.at).sort((a, b) => a - b);
    let maxPerSecond = 0;
    for (let a = 0, b = 0; b < times.length; b++) {
      while (times[b] - times[a] >= 1000) a++;
      maxPerSecond = Math.max(maxPerSecond, b - a + 1);
    }
    const delivered = this.channels.filter((c) => per.has(c)).length;
    return {
      delivered,
      lost: this.channels.length - delivered,
      duplicated: [...per.values()].reduce((s, n) => s + n - 1, 0),
      maxPerSecond,
      throttled: this.connector.throttled - throttledFrom,
    };
  }

  /** /healthz status of every live instance. */
  async health(): Promise<number[]> {
    return Promise.all(
      this.instances
        .filter((inst) => inst.proc)
        .map(async (inst) => {
          const res = await fetch(`${inst.proc!.url}/healthz`);
          await res.arrayBuffer();
          return res.status;
        }),
    );
  }
}

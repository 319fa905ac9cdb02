import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector. */
export interface Recorded {
  method: string;
  path: string;
  conversationId: string;
  activity: Record<string, unknown>;
  authorization?: string;
}

/** One accepted proactive send or update, with the idempotency key the bot put in it. */
export interface Delivery {
  method: string;
  conversationId: string;
  /** `channelData.afsbotKey` of the activity (undefined for ordinary replies). */
  key?: string;
  activityId: string;
  at: number;
}

/** What a request looks like to `beforeAnswer`. */
export interface Incoming {
  method: string;
  conversationId: string;
  key?: string;
}

/** Options of the fake connector. */
export interface ConnectorOptions {
  /** false: answer without parsing or keeping anything (load tests). */
  record: boolean;
  /** Answer 429 with Retry-After past Teams' per-conversation and per-app limits. */
  enforceLimits?: boolean;
  /**
   * Called with each request before anything is recorded or answered; returning false drops
   * it unanswered (the socket is destroyed), as if the sender had died before it got there.
   */
  beforeAnswer?: (r: Incoming) => boolean | void;
  /**
   * Called for each request the limits let through; a status refuses it (429 with Retry-After
   * seconds when given): random throttling and server errors on demand.
   */
  chaos?: (r: Incoming) => { status: number; retryAfterSec?: number } | null;
}

/** Teams' proactive limits, kept here independently of src/notify/rate-limiter.ts. */
const CONVERSATION_LIMITS = [
  [1000, 7],
  [2000, 8],
  [30_000, 60],
  [3_600_000, 1800],
] as const;
export const APP_LIMITS = [[1000, 50]] as const;

/** Milliseconds until `times` (ascending) leaves room under every limit; 0 when there is room. */
function overLimit(times: number[], limits: readonly (readonly [number, number])[], now: number) {
  let wait = 0;
  for (const [ms, max] of limits) {
    const inside = times.filter((t) => now - t < ms);
    if (inside.length >= max) wait = Math.max(wait, inside[inside.length - max] + ms - now);
  }
  return wait;
}

/**
 * A local stand-in for the Bot Connector service: records every activity the bot sends and
 * answers as the real service does (201 with a resource id). On demand it enforces Teams'
 * proactive limits (429 with Retry-After), answers 403 for conversations the bot was removed
 * from, and fails the next requests with a chosen status.
 */
export class FakeConnector {
  readonly received: Recorded[] = [];
  /** Accepted sends and updates, in order. */
  readonly deliveries: Delivery[] = [];
  /** Requests answered 429 because a limit was exceeded. */
  throttled = 0;
  /** Requests refused by the `chaos` option. */
  refusedByChaos = 0;
  /** Activities answered when not recording (the benchmark only counts). */
  count = 0;
  private server: Server | null = null;
  private nextId = 1;
  private readonly gone = new Map<string, string>();
  private readonly failures: { status: number; retryAfterSec?: number }[] = [];
  private readonly accepted = new Map<string, number[]>();
  private acceptedByApp: number[] = [];
  url = '';

  constructor(private readonly options: ConnectorOptions = { record: true }) {}

  /** Answers 403 with this code (BotNotInConversationRoster by default) for a conversation. */
  removeBotFrom(conversationId: string, code = 'BotNotInConversationRoster'): void {
    this.gone.set(conversationId, code);
  }

  /** The conversation accepts the bot again (re-added, or the user unblocked it). */
  addBotBack(conversationId: string): void {
    this.gone.delete(conversationId);
  }

  /** The next `n` requests are answered `status` (with Retry-After seconds when given). */
  failNext(n: number, status: number, retryAfterSec?: number): void {
    for (let i = 0; i < n; i++) this.failures.push({ status, retryAfterSec });
  }

  /** How many accepted deliveries carried each key. */
  deliveriesByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.deliveries) if (d.key) counts.set(d.key, (counts.get(d.key) ?? 0) + 1);
    return counts;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Activities sent into a conversation, in order (typing indicators left out unless asked). */
  sentTo(conversationId: string, withTyping = false): Record<string, unknown>[] {
    return this.received
      .filter(
        (r) => r.conversationId === conversationId && (withTyping || r.activity.type !== 'typing'),
      )
      .map((r) => r.activity);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    // NOTE: restify patches http.ServerResponse in this process; writeHead no longer returns `this`.
    if (!m) {
      res.writeHead(404);
      res.end();
      return;
    }
    this.count++;
    if (!this.options.record) {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(`{"id":"reply-${this.nextId++}"}`);
      return;
    }
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const method = req.method ?? '';
    const key = (body.channelData as { afsbotKey?: string } | undefined)?.afsbotKey;
    if (this.options.beforeAnswer?.({ method, conversationId: m[1], key }) === false) {
      req.socket.destroy();
      return;
    }
    const refusal = this.refusal(m[1]) ?? this.chaos({ method, conversationId: m[1], key });
    if (refusal) {
      res.writeHead(refusal.status, { 'Content-Type': 'application/json', ...refusal.headers });
      res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.code } }));
      return;
    }
    const activityId = method === 'PUT' && m[2] ? m[2] : `reply-${this.nextId++}`;
    this.deliveries.push({ method, conversationId: m[1], key, activityId, at: Date.now() });
    this.received.push({
      method: req.method ?? '',
      path,
      conversationId: m[1],
      activity: body,
      authorization: req.headers.authorization,
    });
    res.writeHead(method === 'PUT' ? 200 : 201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: activityId }));
  }

  /** A refusal `chaos` chose for a request the limits accepted (counted as accepted by them). */
  private chaos(
    r: Incoming,
  ): { status: number; code: string; headers?: Record<string, string> } | null {
    const c = this.options.chaos?.(r);
    if (!c) return null;
    this.refusedByChaos++;
    const headers: Record<string, string> =
      c.retryAfterSec !== undefined ? { 'Retry-After': String(c.retryAfterSec) } : {};
    return { status: c.status, code: `Status${c.status}`, headers };
  }

  /** Why a request is refused (403, a queued failure, a limit), or null to accept it. */
  private refusal(
    conversationId: string,
  ): { status: number; code: string; headers?: Record<string, string> } | null {
    const gone = this.gone.get(conversationId);
    if (gone) return { status: 403, code: gone };
    const failure = this.failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSec !== undefined ? { 'Retry-After': String(failure.retryAfterSec) } : {};
      return { status: failure.status, code: `Status${failure.status}`, headers };
    }
    if (!this.options.enforceLimits) return null;
    const now = Date.now();
    const times = this.accepted.get(conversationId) ?? [];
    const wait = Math.max(
      overLimit(times, CONVERSATION_LIMITS, now),
      overLimit(this.acceptedByApp, APP_LIMITS, now),
    );
    if (wait > 0) {
      this.throttled++;
      return {
        status: 429,
        code: 'Throttled',
        headers: { 'Retry-After': String(Math.ceil(wait / 1000)) },
      };
    }
    times.push(now);
    this.accepted.set(conversationId, times.length > 2000 ? times.slice(-1800) : times);
    this.acceptedByApp.push(now);
    if (this.acceptedByApp.length > 200) this.acceptedByApp = this.acceptedByApp.slice(-50);
    return null;
  }
}

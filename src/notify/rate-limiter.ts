/** One sliding window: at most `max` sends in any `ms` milliseconds. */
export interface Window {
  ms: number;
  max: number;
}

/** Teams' proactive limits per bot and conversation, as Microsoft documents them for bots. */
export const CONVERSATION_WINDOWS: readonly Window[] = [
  { ms: 1000, max: 7 },
  { ms: 2000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1800 },
];

/** Teams' limit per app and tenant. */
export const APP_WINDOWS: readonly Window[] = [{ ms: 1000, max: 50 }];

/**
 * How long to wait before one more send fits `windows`, given earlier send times sorted oldest
 * first. A send at `t` occupies a window until `t + ms`.
 */
export function waitFor(times: readonly number[], windows: readonly Window[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    // Times are sorted, so the sends inside the window are a suffix of the list.
    let first = times.length;
    while (first > 0 && now - times[first - 1] < w.ms) first--;
    const inside = times.length - first;
    if (inside >= w.max) wait = Math.max(wait, times[times.length - w.max] + w.ms - now);
  }
  return wait;
}

const longest = (windows: readonly Window[]) => Math.max(...windows.map((w) => w.ms));

/**
 * The Teams send limits as sliding windows, per conversation and for the whole app. Pure: the
 * caller passes the time, so tests drive it with a fake clock.
 *
 * NOTE: record a send when its response arrives, not when it starts. The service counts a
 * request when it receives it, which is after the start; counting at the response keeps every
 * window the service sees at or under its limit however the latency varies.
 */
export class RateLimiter {
  private readonly conversations = new Map<string, number[]>();
  private app: number[] = [];
  private readonly keepMs: number;

  constructor(
    private readonly conversationWindows: readonly Window[] = CONVERSATION_WINDOWS,
    private readonly appWindows: readonly Window[] = APP_WINDOWS,
  ) {
    this.keepMs = longest(conversationWindows);
  }

  /** Milliseconds until one more send to this conversation fits every limit (0: now). */
  delayFor(conversationId: string, now: number): number {
    const times = this.conversations.get(conversationId) ?? [];
    return Math.max(
      waitFor(times, this.conversationWindows, now),
      waitFor(this.app, this.appWindows, now),
    );
  }

  /** Milliseconds until the app as a whole may send again. */
  appDelay(now: number): number {
    return waitFor(this.app, this.appWindows, now);
  }

  /** Counts one send (or attempt: a throttled request counts too) to a conversation. */
  record(conversationId: string, now: number): void {
    const times = this.conversations.get(conversationId) ?? [];
    // Sends are recorded in time order, but guard against a clock that stepped back.
    times.push(Math.max(now, times[times.length - 1] ?? now));
    this.conversations.set(conversationId, prune(times, now - this.keepMs));
    this.app.push(Math.max(now, this.app[this.app.length - 1] ?? now));
    this.app = prune(this.app, now - longest(this.appWindows));
  }

  /** Forgets conversations with no send inside the longest window (bounds memory). */
  sweep(now: number): void {
    for (const [id, times] of this.conversations) {
      if (now - times[times.length - 1] >= this.keepMs) this.conversations.delete(id);
    }
  }

  /** Conversations with sends still inside a window. */
  get size(): number {
    return this.conversations.size;
  }
}

/** Drops times at or before `oldest`; keeps the array when nothing is old. */
function prune(times: number[], oldest: number): number[] {
  let i = 0;
  while (i < times.length && times[i] <= oldest) i++;
  return i === 0 ? times : times.slice(i);
}

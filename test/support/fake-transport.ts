import type { TransportError } from '../../src/notify/transport';
import { type ProactiveMessage, type ProactiveTransport } from '../../src/notify/transport';

/** One call the sender made. */
export interface Call {
  op: 'send' | 'update';
  conversationId: string;
  key: string;
  activityId: string;
  at: number;
}

/**
 * A ProactiveTransport that records calls and fails on demand: `failNext(conversation, err)`
 * queues errors for that conversation's next calls.
 */
export class FakeTransport implements ProactiveTransport {
  readonly calls: Call[] = [];
  private readonly failures = new Map<string, TransportError[]>();
  private nextId = 1;

  constructor(private readonly clock: () => number) {}

  failNext(conversationId: string, ...errors: TransportError[]): void {
    this.failures.set(conversationId, [...(this.failures.get(conversationId) ?? []), ...errors]);
  }

  private check(conversationId: string): void {
    const err = this.failures.get(conversationId)?.shift();
    if (err) throw err;
  }

  async send(conversationId: string, m: ProactiveMessage): Promise<{ activityId: string }> {
    this.check(conversationId);
    const activityId = `act-${this.nextId++}`;
    this.calls.push({ op: 'send', conversationId, key: m.key, activityId, at: this.clock() });
    return { activityId };
  }

  async update(conversationId: string, activityId: string, m: ProactiveMessage): Promise<void> {
    this.check(conversationId);
    this.calls.push({ op: 'update', conversationId, key: m.key, activityId, at: this.clock() });
  }

  keys(conversationId?: string): string[] {
    return this.calls
      .filter((c) => !conversationId || c.conversationId === conversationId)
      .map((c) => c.key);
  }
}

import type { Notification, NotificationQueue } from '../../src/notify/notification';

/** A queue that keeps one notification per key, as the outbox does, and shows what it holds. */
export class RecordingQueue implements NotificationQueue {
  readonly items: Notification[] = [];
  async enqueue(n: Notification): Promise<boolean> {
    if (this.items.some((i) => i.key === n.key)) return false;
    this.items.push(n);
    return true;
  }
}

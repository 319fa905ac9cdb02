import { createHash, timingSafeEqual } from 'node:crypto';
import type { KvStore } from '../storage/kv-store';
import { createIfAbsent } from '../storage/conditional-write';
import type { CommonAlert } from './alert-schema';

/** True when `given` is the configured secret; compared in constant time. */
export function secretMatches(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  // Hashing first gives equal lengths, so the comparison time says nothing about the secret.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/**
 * Accepted alerts, kept durably before anything acts on them, one per alert id and condition:
 * Azure Monitor retries a post it thinks failed, and the same alert must not count twice.
 */
export class AlertInbox {
  constructor(private readonly kv: KvStore) {}

  /** Stores an alert; false when this alert id and condition were already received. */
  async accept(alert: CommonAlert, at: Date): Promise<boolean> {
    const e = alert.data.essentials;
    const key = `alerts/${encodeURIComponent(e.alertId)}/${e.monitorCondition}`;
    return createIfAbsent(this.kv, key, { alert, receivedAt: at.toISOString() });
  }

  /** Keys of every stored alert. */
  keys(): Promise<string[]> {
    return this.kv.list('alerts/');
  }
}

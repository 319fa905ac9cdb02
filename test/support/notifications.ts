import type { Notification } from '../../src/notify/notification';

/** A valid notification; `over` changes any field. */
export function note(key: string, over: Partial<Notification> = {}): Notification {
  return {
    key,
    conversationId: '19:ops@thread.tacv2',
    kind: 'send',
    card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: key }] },
    summary: 'Sync failing on FS01',
    createdAt: '2026-03-01T10:00:00.000Z',
    ...over,
  };
}

import { z } from 'zod';

/**
 * One proactive message to one conversation, as written to the outbox before anything is sent.
 * `key` is its idempotency key: the outbox keeps one notification per key, and the sender marks
 * it done under that key, so a restart never sends it twice.
 */
export const Notification = z
  .object({
    key: z
      .string()
      .min(1)
      .max(400)
      .regex(/^[\w.:/@#=+-]+$/, 'letters, digits and . : / @ # = + - _ only'),
    conversationId: z.string().min(1).max(1024),
    /** `send` posts a new message; `update` replaces the message an earlier `send` posted. */
    kind: z.enum(['send', 'update']),
    /** For `update`: the key of the `send` whose message it replaces. */
    replaces: z.string().min(1).max(400).optional(),
    /** The Adaptive Card (a pure function's output) and the notification text Teams shows. */
    card: z.record(z.string(), z.unknown()),
    summary: z.string().max(200).optional(),
    /** The sync group it is about (`rg/service/group`), for operators listing failures. */
    syncGroup: z.string().max(400).optional(),
    createdAt: z.string(),
  })
  .strict()
  .refine((n) => n.kind === 'send' || !!n.replaces, {
    message: 'an update names the send it replaces',
    path: ['replaces'],
  });
export type Notification = z.infer<typeof Notification>;

/** Where notifications wait until sent (durable: written before any send). */
export interface NotificationQueue {
  /** Stores a notification; false when one with the same key is already there (or was sent). */
  enqueue(n: Notification): Promise<boolean>;
}

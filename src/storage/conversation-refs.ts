import { z } from 'zod';
import type { KvStore } from './kv-store';

/** What a proactive message needs to reach a conversation again (a Bot Framework reference). */
export const ConversationRef = z
  .object({
    activityId: z.string().max(1024).optional(),
    bot: z
      .object({ id: z.string().min(1).max(1024), name: z.string().max(256).optional() })
      .passthrough(),
    channelId: z.string().min(1).max(100),
    conversation: z
      .object({
        id: z.string().min(1).max(1024),
        conversationType: z.string().max(50).optional(),
        tenantId: z.string().max(100).optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    serviceUrl: z.string().url().max(2048),
    locale: z.string().max(20).optional(),
    user: z
      .object({ id: z.string().max(1024) })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type ConversationRef = z.infer<typeof ConversationRef>;

const PREFIX = 'refs/';

/** Conversation references, validated and kept under `refs/<conversation id>`. */
export class ConversationRefs {
  constructor(private readonly kv: KvStore) {}

  /** Stores a reference; one that does not validate is refused with the reason. */
  async save(ref: unknown, at: Date): Promise<ConversationRef> {
    const parsed = ConversationRef.parse(ref);
    await this.kv.write(PREFIX + parsed.conversation.id, { ...parsed, savedAt: at.toISOString() });
    return parsed;
  }

  async get(conversationId: string): Promise<ConversationRef | null> {
    const stored = await this.kv.read(PREFIX + conversationId);
    if (!stored) return null;
    const parsed = ConversationRef.safeParse(stored.value);
    return parsed.success ? parsed.data : null;
  }

  /** Forgets a conversation (uninstalled, or the bot was removed from its roster). */
  async remove(conversationId: string): Promise<boolean> {
    return this.kv.delete(PREFIX + conversationId);
  }

  async ids(): Promise<string[]> {
    return (await this.kv.list(PREFIX)).map((k) => k.slice(PREFIX.length));
  }
}

import { z } from 'zod';
import { Lru } from '../lru';
import { conversationKey } from './conversation-id';
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

/** What decides whether a stored reference still reaches the conversation. */
const fingerprint = (r: ConversationRef) =>
  JSON.stringify([r.serviceUrl, r.bot.id, r.channelId, r.conversation.tenantId ?? null]);

/**
 * Conversation references, validated and kept under `refs/<conversation id>`, a channel's
 * threads under the channel (see conversationKey).
 *
 * It remembers which references this process saved, so a message need not write one again on
 * every turn (a round trip to Blob storage); `remove` forgets that too, so a conversation
 * dropped after a 403 is saved again on its next message. Another instance's removal is not
 * seen here: `subscribe` saves unconditionally for that reason.
 */
export class ConversationRefs {
  private readonly saved = new Lru<string, string>(10_000);
  /**
   * The reference last seen valid and saved for each conversation, as JSON without its
   * `activityId` (the one field that changes every message): the same text again validates
   * the same and has the same fingerprint, so it is neither parsed nor written again.
   */
  private readonly seen = new Lru<string, { text: string; print: string }>(10_000);

  constructor(private readonly kv: KvStore) {}

  /** Stores a reference; one that does not validate is refused with the reason. */
  async save(ref: unknown, at: Date): Promise<ConversationRef> {
    const parsed = ConversationRef.parse(ref);
    const id = conversationKey(parsed.conversation.id);
    // The channel's own reference: a proactive message to it starts a new post.
    const stored = { ...parsed, conversation: { ...parsed.conversation, id } };
    delete stored.activityId;
    this.saved.delete(id);
    this.seen.delete(id);
    await this.kv.write(PREFIX + id, { ...stored, savedAt: at.toISOString() });
    this.saved.set(id, fingerprint(stored));
    return stored;
  }

  /**
   * Saves unless this process already saved the same reference and has not removed it since;
   * true when it wrote.
   */
  async saveIfChanged(ref: unknown, at: Date): Promise<boolean> {
    const seen = seenAs(ref);
    const last = seen && this.seen.get(seen.id);
    if (seen && last && last.text === seen.text && this.saved.get(seen.id) === last.print)
      return false;
    const parsed = ConversationRef.parse(ref);
    const id = conversationKey(parsed.conversation.id);
    const print = fingerprint(parsed);
    const wrote = this.saved.get(id) !== print;
    if (wrote) await this.save(parsed, at);
    if (seen && seen.id === id) this.seen.set(id, { text: seen.text, print });
    return wrote;
  }

  async get(conversationId: string): Promise<ConversationRef | null> {
    const stored = await this.kv.read(PREFIX + conversationKey(conversationId));
    if (!stored) return null;
    const parsed = ConversationRef.safeParse(stored.value);
    return parsed.success ? parsed.data : null;
  }

  /** Forgets a conversation (uninstalled, or the bot was removed from its roster). */
  async remove(conversationId: string): Promise<boolean> {
    const id = conversationKey(conversationId);
    this.saved.delete(id);
    this.seen.delete(id);
    return this.kv.delete(PREFIX + id);
  }

  async ids(): Promise<string[]> {
    return (await this.kv.list(PREFIX)).map((k) => k.slice(PREFIX.length));
  }
}

/**
 * A raw reference's conversation key and its JSON without `activityId`, or undefined when its
 * conversation id is not a string or its activity id is not one the schema takes (it is then
 * parsed, and refused with the reason, as any other).
 */
function seenAs(ref: unknown): { id: string; text: string } | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  const r = ref as { activityId?: unknown; conversation?: { id?: unknown } };
  const conversationId = r.conversation?.id;
  if (typeof conversationId !== 'string') return undefined;
  if (
    r.activityId !== undefined &&
    !(typeof r.activityId === 'string' && r.activityId.length <= 1024)
  )
    return undefined;
  return {
    id: conversationKey(conversationId),
    text: JSON.stringify({ ...r, activityId: undefined }),
  };
}

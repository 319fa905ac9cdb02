import { z } from 'zod';
import { conversationKey } from '../storage/conversation-id';
import type { KvStore } from '../storage/kv-store';
import { createIfAbsent } from '../storage/conditional-write';
import { targetKey, type SyncGroupTarget } from '../health/sync-group-target';

/** A conversation's subscription to one sync group, with who made it and when. */
export const Subscription = z
  .object({
    conversationId: z.string().min(1).max(1024),
    target: z
      .object({ resourceGroup: z.string(), service: z.string(), group: z.string() })
      .strict(),
    by: z.object({ id: z.string().max(1024), name: z.string().max(256).optional() }).strict(),
    at: z.string(),
  })
  .strict();
export type Subscription = z.infer<typeof Subscription>;

const PREFIX = 'subs/';
const keyOf = (conversationId: string, target: SyncGroupTarget) =>
  `${PREFIX}${encodeURIComponent(conversationKey(conversationId))}/${targetKey(target)}`;
const prefixOf = (conversationId: string) =>
  `${PREFIX}${encodeURIComponent(conversationKey(conversationId))}/`;

/**
 * Subscriptions of conversations to sync groups, in the key/value store. A channel subscribes
 * as a whole: from any of its threads, the subscription, its listing and its notifications
 * belong to the channel id (conversationKey), and a notification starts a new channel post.
 */
export class Subscriptions {
  constructor(private readonly kv: KvStore) {}

  /** Subscribes; false when the conversation already was. */
  async add(s: Subscription): Promise<boolean> {
    const parsed = Subscription.parse(s);
    const sub = { ...parsed, conversationId: conversationKey(parsed.conversationId) };
    return createIfAbsent(this.kv, keyOf(sub.conversationId, sub.target), sub);
  }

  /** Unsubscribes; false when there was nothing to remove. */
  remove(conversationId: string, target: SyncGroupTarget): Promise<boolean> {
    return this.kv.delete(keyOf(conversationId, target));
  }

  /** Removes every subscription of a conversation (the bot left it); returns how many. */
  async removeConversation(conversationId: string): Promise<number> {
    let removed = 0;
    for (const key of await this.kv.list(prefixOf(conversationId)))
      if (await this.kv.delete(key)) removed++;
    return removed;
  }

  /** A conversation's subscriptions, sorted by target. */
  async ofConversation(conversationId: string): Promise<Subscription[]> {
    return this.read(await this.kv.list(prefixOf(conversationId)));
  }

  /** Every conversation subscribed to a sync group. */
  async ofTarget(target: SyncGroupTarget): Promise<Subscription[]> {
    const suffix = `/${targetKey(target)}`;
    const subs = await this.read((await this.kv.list(PREFIX)).filter((k) => k.endsWith(suffix)));
    // One per conversation: subscriptions stored per thread before threads shared the channel's.
    const seen = new Set<string>();
    return subs.filter((s) => !seen.has(s.conversationId) && !!seen.add(s.conversationId));
  }

  /** Every sync group at least one conversation follows, each once (from the keys alone). */
  async targets(): Promise<SyncGroupTarget[]> {
    const out = new Map<string, SyncGroupTarget>();
    for (const k of await this.kv.list(PREFIX)) {
      // Keys are subs/<conversation>/<rg>/<service>/<group>, lowercased after the conversation.
      const parts = k.slice(PREFIX.length).split('/');
      if (parts.length !== 4) continue;
      const [, resourceGroup, service, group] = parts;
      out.set(`${resourceGroup}/${service}/${group}`, { resourceGroup, service, group });
    }
    return [...out.values()];
  }

  private async read(keys: string[]): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for (const k of keys) {
      const v = await this.kv.read(k);
      const parsed = v ? Subscription.safeParse(v.value) : null;
      if (parsed?.success)
        out.push({ ...parsed.data, conversationId: conversationKey(parsed.data.conversationId) });
    }
    return out;
  }
}

import type { AdaptiveCard } from '../cards';

/** Messages whose cards are remembered: enough for the answers people still vote on. */
const CAPACITY = 1000;
/** Bytes of card JSON remembered at most (a card is under 38 KB; most are a few KB). */
const MAX_BYTES = 8 * 1024 * 1024;

interface Sent {
  /**
   * The cards as JSON text: a third of the memory of the objects, and nothing for the garbage
   * collector to trace (a thousand answers as objects held about 15 MB of heap).
   */
  json: string;
  bytes: number;
}

/**
 * The cards of the messages this bot sent, by conversation and Teams message id, so a vote can
 * replace only the feedback row of the very card it came from (Teams sends the message id as
 * the invoke's `replyToId`, not the card). Bounded by count and bytes, least recently used out
 * first; forgotten on restart. Each `get` returns a copy, as sent: changing it changes nothing here.
 */
export class SentCards {
  /** A Map iterates in insertion order: re-inserting on use keeps the oldest first. */
  private readonly items = new Map<string, Sent>();
  private bytes = 0;

  constructor(
    private readonly capacity = CAPACITY,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  private static key(conversationId: string, activityId: string): string {
    return `${conversationId}\u0000${activityId}`;
  }

  get size(): number {
    return this.items.size;
  }

  remember(conversationId: string, activityId: string, cards: AdaptiveCard[]): void {
    const key = SentCards.key(conversationId, activityId);
    this.drop(key);
    const json = JSON.stringify(cards);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > this.maxBytes) return;
    this.items.set(key, { json, bytes });
    this.bytes += bytes;
    while (this.items.size > this.capacity || this.bytes > this.maxBytes) {
      const oldest = this.items.keys().next().value as string;
      this.drop(oldest);
    }
  }

  get(conversationId: string, activityId: string): AdaptiveCard[] | undefined {
    const key = SentCards.key(conversationId, activityId);
    const sent = this.items.get(key);
    if (!sent) return undefined;
    this.items.delete(key);
    this.items.set(key, sent);
    return JSON.parse(sent.json) as AdaptiveCard[];
  }

  private drop(key: string): void {
    const old = this.items.get(key);
    if (!old) return;
    this.items.delete(key);
    this.bytes -= old.bytes;
  }
}

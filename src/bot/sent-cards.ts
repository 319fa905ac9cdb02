import type { AdaptiveCard } from '../cards';

/** Messages whose cards are remembered: enough for the answers people still vote on. */
const CAPACITY = 1000;
/** Bytes of card JSON remembered at most (a card is under 38 KB; most are a few KB). */
const MAX_BYTES = 8 * 1024 * 1024;

interface Sent {
  /**
   * The cards as UTF-8 JSON, outside the JavaScript heap: nothing for the garbage collector to
   * trace, and less memory than either form in the heap (a thousand answers: 5.9 MB, against
   * 7.3 MB as objects and 9.7 MB as JSON text, which V8 keeps two bytes a character when any
   * character is not Latin-1).
   */
  json: Buffer;
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
    const json = Buffer.from(JSON.stringify(cards), 'utf8');
    if (json.length > this.maxBytes) return;
    this.items.set(key, { json });
    this.bytes += json.length;
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
    return JSON.parse(sent.json.toString('utf8')) as AdaptiveCard[];
  }

  private drop(key: string): void {
    const old = this.items.get(key);
    if (!old) return;
    this.items.delete(key);
    this.bytes -= old.json.length;
  }
}

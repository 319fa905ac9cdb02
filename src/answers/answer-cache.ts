import { createHash } from 'node:crypto';
import type { AdaptiveCard } from '../cards';
import type { GapTurn } from '../gaps/gaps';
import type { Answer, AskResult } from '../matching/ask';
import { Lru } from '../lru';

/** Longer messages are kept under a digest of their text, so the cache stays small. */
const LONGEST_KEY = 512;

/** What answering one message text produced: the cards, and what a turn records about it. */
export interface CachedAnswer {
  reason: Answer['reason'];
  /** The contract (`AskResult`); its verdict is what the user was shown. */
  result: AskResult;
  /** The entry counted as asked (a confident answer), if any. */
  asked?: string;
  /** The reply's cards, as the tab and the playground show them. */
  cards: AdaptiveCard[];
  /** The same cards with the knowledge-gaps reference on their buttons (a conversation's reply). */
  tagged?: AdaptiveCard[];
  /** The line Teams shows in notifications and chat lists (never the person's own text). */
  summary?: string;
  /** What the knowledge-gaps loop records of this text (when it is on). */
  gap?: GapTurn;
}

/**
 * Answers by message text, for one knowledge index: answering is a pure function of the text,
 * so a repeated message skips the matcher and the card templates. Kept answers are frozen, so a
 * caller that tried to change one would throw rather than alter the next answer.
 */
export class AnswerCache {
  private readonly replies: Lru<string, CachedAnswer> | null;

  /** `capacity` answers are kept (the same codes are pasted again and again in an outage); 0 keeps none. */
  constructor(capacity: number) {
    this.replies = capacity > 0 ? new Lru(capacity) : null;
  }

  get(text: string): CachedAnswer | undefined {
    return this.replies?.get(keyOf(text));
  }

  set(text: string, answer: CachedAnswer): CachedAnswer {
    if (!this.replies) return answer;
    const frozen = deepFreeze(answer);
    this.replies.set(keyOf(text), frozen);
    return frozen;
  }
}

function keyOf(text: string): string {
  return text.length <= LONGEST_KEY
    ? text
    : `sha256:${createHash('sha256').update(text).digest('base64')}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

import type { Gaps } from '../gaps/gaps';
import type { Logger } from '../log';
import type { Matcher } from '../matching/ask';
import type { Metrics } from '../metrics';
import type { BotStore } from '../storage/bot-store';
import type { ConversationRefs } from '../storage/conversation-refs';
import type { Subscriptions } from '../notify/subscriptions';
import type { Outbox } from '../notify/outbox';
import type { HealthProvider } from '../health';
import type { Answers } from '../answers';
import type { SentCards } from './sent-cards';

/**
 * What the routes are given: no globals, everything injected. Commands and card actions name
 * only the members they use (`Pick<BotServices, …>`), so a test hands them just those.
 */
export interface BotServices {
  matcher: Matcher;
  /** Ask, then build cards; open entries and record votes (shared with the HTTP API). */
  answers: Answers;
  store: BotStore;
  /** Cards of the bot's recent messages by Teams message id: a vote changes only its row. */
  sent: SentCards;
  /** Where to reach each conversation the bot is in, for proactive messages. */
  refs: ConversationRefs;
  /** Which conversations follow which sync groups. */
  subscriptions: Subscriptions;
  /** Durable queue of proactive notifications; the sender drains it into Teams. */
  outbox: Outbox;
  /** Live sync group health (its `kind` is `none` until a health API is linked). */
  health: HealthProvider;
  metrics: Metrics;
  log: Logger;
  /** The knowledge-gaps recorder; absent unless GAPS_RETENTION_DAYS is set. */
  gaps?: Gaps;
  now(): Date;
}

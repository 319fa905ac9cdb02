import type { Entry } from '../knowledge/schema';
import type { Logger } from '../log';
import type { Matcher } from '../matching/ask';
import type { Metrics } from '../metrics';
import type { BotStore } from '../storage/bot-store';
import type { ConversationRefs } from '../storage/conversation-refs';

/** What the bot's handlers are given: no globals, everything injected. */
export interface BotServices {
  matcher: Matcher;
  store: BotStore;
  /** Where to reach each conversation the bot is in, for proactive messages. */
  refs: ConversationRefs;
  metrics: Metrics;
  log: Logger;
  /** Entries by id. */
  entry(id: string): Entry | undefined;
  now(): Date;
}

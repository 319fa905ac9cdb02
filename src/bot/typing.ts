import { ShowTypingMiddleware } from 'botbuilder';

/** A turn quicker than this needs no typing indicator: the answer itself arrives first. */
export const TYPING_DELAY_MS = 250;
const TYPING_PERIOD_MS = 2000;

/**
 * Shows "typing…" while a turn works: after TYPING_DELAY_MS and then every two seconds until
 * the reply is sent (answers from the knowledge take a millisecond; live health calls do not).
 */
export function typingIndicator(): ShowTypingMiddleware {
  return new ShowTypingMiddleware(TYPING_DELAY_MS, TYPING_PERIOD_MS);
}

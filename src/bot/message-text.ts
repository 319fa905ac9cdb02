import { TurnContext, type Activity } from 'botbuilder';
import { stripMarkup } from './strip-markup';

/**
 * Longest text a turn reads; a longer message is answered from its first part. Teams caps a
 * message near 28 KB, so this only ever cuts what did not come from Teams; it keeps one turn's
 * matching in the tens of milliseconds, so /healthz and other turns never wait long behind it.
 */
export const MAX_TEXT_CHARS = 32 * 1024;

/**
 * The words a person wrote: the bot's @mention removed (channels and group chats only deliver
 * messages that mention it), any other <at> tags and HTML formatting Teams adds reduced to text.
 */
export function messageText(activity: Partial<Activity>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  if (text.length > MAX_TEXT_CHARS) text = text.slice(0, MAX_TEXT_CHARS);
  if (activity.recipient?.id && Array.isArray(activity.entities)) {
    text = TurnContext.removeMentionText({ ...activity, text }, activity.recipient.id) ?? text;
  }
  // Break opportunities the cards put into long error names (src/cards/breakable.ts) go first.
  return stripMarkup(text.replace(/\u200b/g, '')).trim();
}

import { TurnContext, type Activity } from 'botbuilder';

/** Longest text a turn reads; a longer message is answered from its first part (Teams caps near 28 KB). */
export const MAX_TEXT_CHARS = 256 * 1024;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

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
  return (
    text
      // Break opportunities the cards put into long error names (src/cards/breakable.ts).
      .replace(/\u200b/g, '')
      .replace(/<at\b[^>]*>.*?<\/at>/gi, ' ')
      .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
      .replace(/<[^>]{1,200}>/g, '')
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
      .trim()
  );
}

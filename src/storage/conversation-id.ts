/** The thread part of a channel conversation id: `19:…@thread.tacv2;messageid=1700000000000`. */
const THREAD = /;messageid=[^;]*$/i;

/**
 * The conversation a chat or channel is known by: a channel thread's id without its
 * `;messageid=…`, so every thread of a channel shares the channel's reference and subscriptions.
 * A proactive message to that id starts a new post in the channel (Teams replies in a thread only
 * when the id names one). Chat ids, which have no thread part, are returned as they are.
 */
export function conversationKey(id: string): string {
  return id.replace(THREAD, '');
}

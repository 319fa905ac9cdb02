import { conversationRoutes } from './conversation-routes';
import { invokeRoutes } from './invoke-routes';
import { messageRoutes } from './message-routes';
import type { Route } from './router';

/**
 * The bot's one routing table: messages (the conversation remembered, the bot's own card, no
 * text, each command, then the answers layer), invokes (card actions, the search extension, a
 * 400 for the rest) and conversation updates. Activities no route selects are ignored.
 */
export const routes: readonly Route[] = [...messageRoutes, ...invokeRoutes, ...conversationRoutes];

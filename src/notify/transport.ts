import { AppError } from '../errors';

/** What a proactive message carries: the card, the notification text, its idempotency key. */
export interface ProactiveMessage {
  key: string;
  card: Record<string, unknown>;
  summary?: string;
}

/**
 * Sends proactive messages into conversations the bot was added to. The Bot Framework
 * implementation lives in src/bot; this side stays free of it so the sender can be tested with
 * a fake.
 */
export interface ProactiveTransport {
  /** Posts a new message; resolves with the activity id Teams gave it. */
  send(conversationId: string, message: ProactiveMessage): Promise<{ activityId: string }>;
  /** Replaces the message `activityId` in place. */
  update(conversationId: string, activityId: string, message: ProactiveMessage): Promise<void>;
}

/**
 * A failed send, in the terms the sender decides on: the HTTP status (none for a network
 * error), the service's own error code (`BotNotInConversationRoster` …), and Retry-After.
 */
export class TransportError extends AppError<'proactive_send_failed'> {
  constructor(
    message: string,
    readonly status?: number,
    readonly serviceCode?: string,
    readonly retryAfterMs?: number,
  ) {
    super('proactive_send_failed', message);
    this.name = 'TransportError';
  }
}

/** The code a transport gives when it holds no conversation reference to send with. */
export const NO_REFERENCE = 'ConversationReferenceMissing';

import { TurnContext } from 'botbuilder';
import type { CommandContext, Sender } from './commands/command';
import { messageText } from './message-text';
import type { BotServices } from './services';

/**
 * One incoming activity as the routes see it: the SDK's context, the services, and the person's
 * text worked out once (mention removed, markup reduced) however many routes look at it.
 */
export class Turn {
  private cachedText: string | undefined;

  constructor(
    readonly context: TurnContext,
    readonly services: BotServices,
  ) {}

  get activity(): TurnContext['activity'] {
    return this.context.activity;
  }

  /** The words of a message, '' for other activities. */
  get text(): string {
    this.cachedText ??= this.activity.type === 'message' ? messageText(this.activity) : '';
    return this.cachedText;
  }

  /** Who sent the activity. */
  get user(): Sender {
    const from = this.activity.from;
    return {
      id: from?.id ?? 'unknown',
      ...(from?.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
      ...(from?.name ? { name: from.name } : {}),
    };
  }

  /** The narrow context a command is given. */
  commandContext(args: string[]): CommandContext {
    const { conversation, id } = this.activity;
    return {
      args,
      conversationId: conversation.id,
      user: this.user,
      authenticated: this.authenticated(),
      reference: JSON.parse(
        JSON.stringify(TurnContext.getConversationReference(this.activity)),
      ) as unknown,
      ...(id ? { activityId: id } : {}),
    };
  }

  /**
   * Whether the adapter validated a Bot Framework token for this request. Without an app id the
   * SDK marks every request "anonymous", and anyone could claim any object id.
   */
  private authenticated(): boolean {
    const identity = this.context.turnState.get(this.context.adapter.BotIdentityKey) as
      { isAuthenticated?: boolean; authenticationType?: unknown } | undefined;
    return !!identity?.isAuthenticated && identity.authenticationType !== 'anonymous';
  }
}

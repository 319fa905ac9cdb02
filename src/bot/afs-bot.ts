import {
  StatusCodes,
  TeamsActivityHandler,
  type InvokeResponse,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import { escapeMarkdown, welcomeCard } from '../cards';
import { answerMessage } from './answer-message';
import { cardAction } from './card-action';
import { forgetReference, saveReference } from './conversation-ref';
import { findCommand } from './commands';
import { messageText } from './message-text';
import { ownCardEntry } from './own-card';
import { searchExtension } from './message-extension';
import { cardMessage } from './reply';
import type { BotServices } from './services';

/** The invokes this bot answers: its card buttons and its search message extension. */
const OFFERED_INVOKES = new Set(['adaptiveCard/action', 'composeExtension/query']);

/**
 * The Teams bot: a thin router. Messages go to a command or the matcher; card buttons and the
 * search extension arrive as invokes. Everything else it needs is injected.
 */
export class AfsBot extends TeamsActivityHandler {
  constructor(private readonly services: BotServices) {
    super();
    this.onMessage(async (context, next) => {
      await saveReference(context, services, false);
      await this.message(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await saveReference(context, services, true);
      await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await forgetReference(context, services);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      const me = context.activity.recipient?.id;
      if (context.activity.membersRemoved?.some((m) => m.id === me))
        await forgetReference(context, services);
      else await saveReference(context, services, true);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const me = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === me)) await this.welcome(context);
      await next();
    });
  }

  private async message(context: TurnContext): Promise<void> {
    const text = messageText(context.activity);
    const inserted = text ? null : ownCardEntry(context.activity);
    const entry = inserted ? this.services.answers.entry(inserted) : undefined;
    if (entry) {
      // The search extension's own card, sent on: it already is the answer.
      this.services.metrics.matches.inc({ outcome: 'own-card' });
      await context.sendActivity(
        `That is my answer on “${escapeMarkdown(entry.title.slice(0, 120))}”: its buttons work here too. Send me another code, an event or a question whenever you like.`,
      );
      return;
    }
    if (!text) {
      this.services.metrics.matches.inc({ outcome: 'empty' });
      const hasFiles = (context.activity.attachments ?? []).length > 0;
      await context.sendActivity(
        hasFiles
          ? 'I read text only: paste the error code, the event text or your question into the message.'
          : 'Ask me about an Azure File Sync or MARS agent error: paste a code (0x80c8305f), an event, or a question. Type help for more.',
      );
      return;
    }
    const command = findCommand(text);
    if (command) {
      this.services.metrics.matches.inc({ outcome: 'command' });
      await command.command.run(context, command.args, this.services);
      return;
    }
    await answerMessage(context, text, this.services);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (!id || !this.services.store.markWelcomed(id)) return;
    await context.sendActivity(cardMessage([welcomeCard()], 'What I can do'));
  }

  /**
   * Invokes the bot does not offer get a 400 with a reason, not the SDK's 501. They never reach
   * the SDK's handlers, which read their `value` unchecked and fail the turn on a malformed one.
   */
  protected async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = String(context.activity.name ?? '');
    const notSupported = {
      status: StatusCodes.BAD_REQUEST,
      body: {
        code: 'NotSupported',
        message: `This bot does not handle the "${name.slice(0, 60)}" invoke.`,
      },
    };
    if (!OFFERED_INVOKES.has(name)) return notSupported;
    // NOTE: the SDK reads `value.action.type` unchecked.
    const action = (context.activity.value as { action?: unknown } | null | undefined)?.action;
    if (name === 'adaptiveCard/action' && (typeof action !== 'object' || !action))
      return {
        status: StatusCodes.BAD_REQUEST,
        body: {
          statusCode: StatusCodes.BAD_REQUEST,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'The card action carries no action.' },
        },
      };
    const response = await super.onInvokeActivity(context);
    return response?.status === StatusCodes.NOT_IMPLEMENTED ? notSupported : response;
  }

  protected async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return cardAction(context, value, this.services);
  }

  protected async handleTeamsMessagingExtensionQuery(
    _context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return searchExtension(query, this.services);
  }
}

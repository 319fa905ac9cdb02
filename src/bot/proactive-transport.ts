import { CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import {
  NO_REFERENCE,
  TransportError,
  type ProactiveMessage,
  type ProactiveTransport,
} from '../notify/transport';
import type { ConversationRefs } from '../storage/conversation-refs';
import { createAuthentication } from './adapter';
import { cardMessage } from './reply';

/** The message as Teams receives it; the key rides along so a delivery can be traced to it. */
function activityOf(m: ProactiveMessage) {
  return { ...cardMessage([m.card], m.summary), channelData: { afsbotKey: m.key } };
}

/** Seconds or an HTTP date, as Retry-After may be written; undefined when absent or unreadable. */
export function retryAfterMs(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The parts of an Azure SDK RestError the sender needs (its shape varies between SDK layers). */
interface RestErrorLike {
  message?: string;
  statusCode?: number;
  code?: string;
  response?: {
    status?: number;
    bodyAsText?: string | null;
    parsedBody?: unknown;
    headers?: { get?(name: string): string | undefined } & Record<string, unknown>;
  };
}

/** Maps a Bot Connector failure (RestError, network error) to the sender's terms. */
export function toTransportError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const e = (err ?? {}) as RestErrorLike;
  const status = e.statusCode ?? e.response?.status;
  let code: string | undefined;
  try {
    const body = (e.response?.parsedBody ??
      (e.response?.bodyAsText ? JSON.parse(e.response.bodyAsText) : undefined)) as
      { error?: { code?: string } } | undefined;
    code = body?.error?.code;
  } catch {
    // A body that is not JSON (a proxy's HTML page) carries no code; the status decides.
  }
  const headers = e.response?.headers;
  const retryAfter =
    typeof headers?.get === 'function'
      ? headers.get('retry-after')
      : (headers?.['retry-after'] as string | undefined);
  return new TransportError(
    e.message ?? String(err),
    status,
    code ?? (status ? undefined : e.code),
    retryAfterMs(retryAfter),
  );
}

/**
 * Removes the SDK's own retries from a connector client used for proactive sends: the sender
 * retries itself, durably and within the rate limits; hidden retries would be sends it never
 * counted. (The clients that answer turns keep theirs: they belong to another adapter.)
 */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as
    { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

/**
 * Proactive messages through the Bot Framework: `continueConversationAsync` with the stored
 * conversation reference, then an Adaptive Card message (send) or `updateActivity` (update).
 * It has its own adapter: no turn middleware, no turn error handler swallowing failures.
 */
export class BotProactiveTransport implements ProactiveTransport {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty when the bot runs unauthenticated (local use and tests). */
    private readonly appId: string,
    private readonly refs: ConversationRefs,
  ) {}

  async send(conversationId: string, m: ProactiveMessage): Promise<{ activityId: string }> {
    let activityId = '';
    await this.run(conversationId, async (context) => {
      activityId = (await context.sendActivity(activityOf(m)))?.id ?? '';
    });
    return { activityId };
  }

  async update(conversationId: string, activityId: string, m: ProactiveMessage): Promise<void> {
    await this.run(conversationId, async (context) => {
      await context.updateActivity({ ...activityOf(m), id: activityId });
    });
  }

  private async run(conversationId: string, logic: (c: TurnContext) => Promise<void>) {
    const ref = await this.refs.get(conversationId);
    if (!ref) {
      throw new TransportError(
        `no conversation reference for ${conversationId}`,
        undefined,
        NO_REFERENCE,
      );
    }
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        // The stored reference was validated on save; the SDK type asks for fields Teams omits.
        ref as unknown as Partial<ConversationReference>,
        async (context) => {
          withoutSdkRetries(context);
          // Caught here: the adapter would otherwise hand it to its turn error handler.
          try {
            await logic(context);
          } catch (err) {
            failure = err;
          }
        },
      );
    } catch (err) {
      failure ??= err;
    }
    if (failure !== undefined) throw toTransportError(failure);
  }
}

/** The transport the app runs with: the bot's credentials, its own adapter. */
export function createProactiveTransport(
  config: Config,
  refs: ConversationRefs,
): BotProactiveTransport {
  return new BotProactiveTransport(
    new CloudAdapter(createAuthentication(config)),
    config.appId ?? '',
    refs,
  );
}

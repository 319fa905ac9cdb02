import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { answerCard } from '../cards';
import type { BotServices } from './services';

const ShowData = z.object({ entryId: z.string().min(1).max(200) });
const FeedbackData = z.object({ entryId: z.string().min(1).max(200), helpful: z.boolean() });

const CARD = 'application/vnd.microsoft.card.adaptive';

function failure(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as never };
}

/**
 * `Action.Execute` from the bot's cards (the `adaptiveCard/action` invoke): `show` opens an
 * entry (related entries, did-you-mean), `feedback` records a vote and thanks in place.
 */
export async function cardAction(
  context: TurnContext,
  value: AdaptiveCardInvokeValue,
  services: BotServices,
): Promise<AdaptiveCardInvokeResponse> {
  const verb = value?.action?.verb;
  const data: unknown = value?.action?.data;
  if (verb === 'show') {
    const parsed = ShowData.safeParse(data);
    const entry = parsed.success ? services.entry(parsed.data.entryId) : undefined;
    if (!entry)
      return failure(
        400,
        'BadRequest',
        'That entry is not in the knowledge (it may have been removed).',
      );
    services.store.recordAsked(entry.id);
    services.gaps?.chose(data, entry.id, [context.activity.from?.name]);
    const card = answerCard(entry, { lookup: services.entry });
    return {
      statusCode: 200,
      type: CARD,
      value: (services.gaps ? services.gaps.retag(card, data) : card) as never,
    };
  }
  if (verb === 'feedback') {
    const parsed = FeedbackData.safeParse(data);
    const entry = parsed.success ? services.entry(parsed.data.entryId) : undefined;
    if (!parsed.success || !entry)
      return failure(
        400,
        'BadRequest',
        'The feedback button sent data the bot does not recognise.',
      );
    const from = context.activity.from;
    services.store.recordFeedback({
      entryId: entry.id,
      helpful: parsed.data.helpful,
      userId: from?.aadObjectId ?? from?.id ?? 'unknown',
      conversationId: context.activity.conversation?.id ?? 'unknown',
      at: services.now().toISOString(),
    });
    services.metrics.feedback.inc({ helpful: String(parsed.data.helpful) });
    if (!parsed.data.helpful) services.gaps?.notHelpful(data, entry.id, [from?.name]);
    const card = answerCard(entry, {
      feedback: parsed.data.helpful ? 'helpful' : 'not-helpful',
      lookup: services.entry,
    });
    return {
      statusCode: 200,
      type: CARD,
      value: (services.gaps ? services.gaps.retag(card, data) : card) as never,
    };
  }
  return failure(
    400,
    'NotSupported',
    `The card action "${String(verb).slice(0, 40)}" is not one this bot offers.`,
  );
}

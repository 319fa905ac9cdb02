import { ActivityTypes, AttachmentLayoutTypes, CardFactory, type Activity } from 'botbuilder';

/** A message carrying Adaptive Cards: one card, or several as a carousel. */
export function cardMessage(cards: object[], summary?: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    attachments: cards.map((c) => CardFactory.adaptiveCard(c)),
    attachmentLayout:
      cards.length > 1 ? AttachmentLayoutTypes.Carousel : AttachmentLayoutTypes.List,
    // NOTE: the summary shows in notifications and chat lists; never the user's own text.
    ...(summary ? { summary } : {}),
  };
}

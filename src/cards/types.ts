/** One element, inline or action of a card: a JSON object named by its `type`. */
export interface CardNode {
  type: string;
  [property: string]: unknown;
}

/** An Adaptive Card 1.5 as sent to Teams (`msteams.width` is a Teams extension). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardNode[];
  actions: CardNode[];
  msteams: { width: 'Full' };
}

/** The schema URL every card names. */
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams rejects a bot message over 40 KB (413 MessageSizeTooBig). */
export const MAX_MESSAGE_BYTES = 40 * 1024;

/** Each card, and a carousel as a whole, stays under this: the activity envelope needs the rest. */
export const MAX_CARD_BYTES = 38 * 1024;

/** Teams shows up to six actions as buttons; the rest must be `mode: "secondary"`. */
export const MAX_PRIMARY_ACTIONS = 6;

/** Size of a card (or of several) as JSON on the wire, in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

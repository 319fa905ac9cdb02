/** Stable codes of the card layer's errors. */
export type CardErrorCode = 'card_template_missing' | 'card_template_invalid';

/** A template that cannot be read or does not expand to a card: a defect of the package, not of the input. */
export class CardError extends Error {
  constructor(
    readonly code: CardErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CardError';
  }
}

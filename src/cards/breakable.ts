/** U+200B ZERO WIDTH SPACE: an invisible place where a line may break. */
export const BREAK_OPPORTUNITY = '\u200b';

/**
 * Error names such as ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED are one long word to a
 * browser: in a narrow column it breaks them mid-word or runs past the card. A break opportunity
 * after each underscore makes them wrap between their parts. The bot strips these characters
 * from what people send back (src/bot/message-text.ts), so a copied name still matches.
 */
export function breakAtUnderscores(text: string): string {
  return text.replace(/([A-Z0-9])_(?=[A-Z0-9])/g, `$1_${BREAK_OPPORTUNITY}`);
}

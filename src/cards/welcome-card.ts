import type { TextView } from './answer-view';
import { exampleRows } from './examples';
import { expandCard } from './template';
import type { AdaptiveCard } from './types';

/** The view model of `cards/welcome.json`. */
export interface WelcomeView {
  examples: TextView[];
}

/** The view model of the welcome card: three examples. */
export function welcomeView(): WelcomeView {
  return { examples: exampleRows(3) };
}

/** Sent when the bot is added: what it does, and three examples. */
export function welcomeCard(): AdaptiveCard {
  return expandCard('welcome', welcomeView());
}

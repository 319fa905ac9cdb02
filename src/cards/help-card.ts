import { articleText, escapeMarkdown } from './escape';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** One command of the bot, as the help card lists it. */
export interface HelpCommand {
  name: string;
  usage: string;
  description: string;
}

/** The view model of `cards/help.json`. */
export interface HelpView {
  commands: { usage: string; description: string }[];
  hasCommands: boolean;
  /** Said above the list, e.g. where the commands work when asked somewhere they do not. */
  note: string;
  hasNote: boolean;
}

/** The view model of the command list. */
export function helpView(commands: HelpCommand[], note = ''): HelpView {
  return {
    note: articleText(note),
    hasNote: note.length > 0,
    commands: commands.map((c) => ({
      usage: escapeMarkdown(c.usage),
      description: articleText(c.description),
    })),
    hasCommands: commands.length > 0,
  };
}

/** The command list: usage in monospace, then what it does. */
export function helpCard(commands: HelpCommand[], note = ''): AdaptiveCard {
  return fitCard(expandCard('help', helpView(commands, note)), MAX_CARD_BYTES);
}

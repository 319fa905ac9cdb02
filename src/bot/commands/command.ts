import type { TurnContext } from 'botbuilder';
import type { BotServices } from '../services';

/** A bot command: a named function that may answer a message instead of the matcher. */
export interface Command {
  name: string;
  usage: string;
  description: string;
  /** The arguments when the text invokes this command, else null (the text goes to the matcher). */
  match(text: string): string[] | null;
  run(context: TurnContext, args: string[], services: BotServices): Promise<void>;
}

import type { HelpCommand } from '../../cards';
import { commands, findCommand } from './index';

/** Where the commands work, for the places that only answer codes, events and questions. */
export const COMMANDS_WORK_IN =
  "Commands work in a Teams chat or channel with the bot, and in Microsoft 365 Agents Playground (npm run playground). The knowledge tab's Ask box and afsbot chat answer error codes, events and questions only.";

/** The command a text names (`help`, `status …`), or null: for places that cannot run it. */
export function commandNamed(text: string): string | null {
  return findCommand(text)?.command.name ?? null;
}

/** The command table as the help card lists it. */
export function commandRows(): HelpCommand[] {
  return commands.map(({ name, usage, description }) => ({ name, usage, description }));
}

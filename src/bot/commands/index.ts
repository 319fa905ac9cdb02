import type { BotServices } from '../services';
import type { Command } from './command';
import { gaps } from './gaps';
import { helpCommand } from './help';
import { listSubscriptions } from './list-subscriptions';
import { status } from './status';
import { subscribe } from './subscribe';
import { unsubscribe } from './unsubscribe';

/** Every command, in the order `help` lists them. Later features register theirs here. */
export const commands: Command<BotServices>[] = [];
commands.push(
  helpCommand(() => commands),
  status,
  subscribe,
  unsubscribe,
  listSubscriptions,
  gaps,
);

/** The command a text invokes, with its arguments; null when the text is a question. */
export function findCommand(
  text: string,
): { command: Command<BotServices>; args: string[] } | null {
  for (const command of commands) {
    const args = command.match(text);
    if (args) return { command, args };
  }
  return null;
}

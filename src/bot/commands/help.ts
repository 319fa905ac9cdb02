import { helpCard } from '../../cards';
import type { Command } from './command';

/** `help`: what the bot does and every command it knows (`list` gives the table it sits in). */
export function helpCommand(list: () => Command<never>[]): Command {
  return {
    name: 'help',
    usage: 'help',
    description: 'What the bot answers and the commands it knows',
    match: (text) => (/^\/?(help|\?)$/i.test(text.trim()) ? [] : null),
    async run() {
      const rows = list().map(({ name, usage, description }) => ({ name, usage, description }));
      return [{ cards: [helpCard(rows)] }];
    },
  };
}

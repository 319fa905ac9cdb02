import { escapeMarkdown } from '../cards';
import { answerMessage } from './answer-message';
import { commands } from './commands';
import type { Command } from './commands/command';
import { saveReference } from './conversation-ref';
import { ownCardEntry } from './own-card';
import type { Route } from './router';
import { sendReplies } from './send-replies';
import type { BotServices } from './services';
import type { Turn } from './turn';

const isMessage = (turn: Turn) => turn.activity.type === 'message';

/** Every message first keeps where its conversation is (when that changed), then goes on. */
const remember: Route = {
  name: 'remember the conversation',
  select: isMessage,
  async handle({ context, services }) {
    await saveReference(context, services, false);
    return 'next';
  },
};

/** The entry of this bot's own answer card sent to it (from the search extension), if any. */
const ownEntry = (turn: Turn) => {
  if (turn.text) return undefined;
  const inserted = ownCardEntry(turn.activity);
  return inserted ? turn.services.answers.entry(inserted) : undefined;
};

/** The search extension's own card, sent on: it already is the answer. */
const ownCard: Route = {
  name: 'own answer card',
  select: (turn) => isMessage(turn) && !!ownEntry(turn),
  async handle(turn) {
    const entry = ownEntry(turn)!;
    turn.services.metrics.matches.inc({ outcome: 'own-card' });
    await turn.context.sendActivity(
      `That is my answer on “${escapeMarkdown(entry.title.slice(0, 120))}”: its buttons work here too. Send me another code, an event or a question whenever you like.`,
    );
  },
};

/** A message with no words (an image, an empty line): what the bot reads. */
const empty: Route = {
  name: 'no text',
  select: (turn) => isMessage(turn) && !turn.text,
  async handle({ context, services }) {
    services.metrics.matches.inc({ outcome: 'empty' });
    const hasFiles = (context.activity.attachments ?? []).length > 0;
    await context.sendActivity(
      hasFiles
        ? 'I read text only: paste the error code, the event text or your question into the message.'
        : 'Ask me about an Azure File Sync or MARS agent error: paste a code (0x80c8305f), an event, or a question. Type help for more.',
    );
  },
};

/** A command as a route: it takes the messages whose text invokes it, and the bot sends its replies. */
export function commandRoute(command: Command<BotServices>): Route {
  return {
    name: `command ${command.name}`,
    select: (turn) => isMessage(turn) && command.match(turn.text) !== null,
    async handle(turn) {
      turn.services.metrics.matches.inc({ outcome: 'command' });
      const replies = await command.run(
        turn.commandContext(command.match(turn.text) ?? []),
        turn.services,
      );
      await sendReplies(turn.context, replies, turn.services);
    },
  };
}

/** Any other text is a question for the answers layer. */
const answer: Route = {
  name: 'answer',
  select: isMessage,
  async handle(turn) {
    const replies = answerMessage(turn.text, turn.activity.from?.name, turn.services);
    await sendReplies(turn.context, replies, turn.services);
  },
};

/** The message routes, in the order they are tried. */
export const messageRoutes: Route[] = [
  remember,
  ownCard,
  empty,
  ...commands.map(commandRoute),
  answer,
];

import type { AdaptiveCard } from '../../cards';

/** A reply the bot sends for a command or route: a sentence (markdown), or cards. */
export type Reply = string | CardReply;

/** Adaptive Cards in one message (several as a carousel), with the line Teams shows for it. */
export interface CardReply {
  cards: AdaptiveCard[];
  summary?: string;
}

/** Who wrote the message. */
export interface Sender {
  id: string;
  /** The Entra object id, when Teams sends one. */
  aadObjectId?: string;
  name?: string;
}

/**
 * What a command knows of the turn: the person's text cut into arguments, the conversation and
 * the person. No Bot Framework types: a command is called with a literal object in tests.
 */
export interface CommandContext {
  args: string[];
  conversationId: string;
  user: Sender;
  /** Whether the request carried a Bot Framework token the adapter validated (never without an app id). */
  authenticated: boolean;
  /** Where this conversation can be reached again, as the Bot Framework describes it (JSON). */
  reference: unknown;
  /** The activity's id, for log lines. */
  activityId?: string;
}

/**
 * A bot command: a named function that may answer a message instead of the answers layer. It
 * gets a narrow context and only the services it names (`Needs`), and returns replies; the bot
 * sends them.
 */
export interface Command<Needs = unknown> {
  name: string;
  usage: string;
  description: string;
  /** The arguments when the text invokes this command, else null (the text goes to the matcher). */
  match(text: string): string[] | null;
  // NOTE: method syntax, so a command needing fewer services fits a table of the full bag.
  run(context: CommandContext, services: Needs): Promise<Reply[]>;
}

import type { Request, Response } from 'botbuilder';
import type { Config } from '../config';
import { createAdapter } from './adapter';
import { AfsBot } from './afs-bot';
import type { BotServices } from './services';

export type { BotServices } from './services';
export { commands } from './commands';
export { COMMANDS_WORK_IN, commandNamed, commandRows } from './commands/where';
export { SentCards } from './sent-cards';
export { checkActivity, type ActivityShape } from './activity-schema';

/** The bot as the HTTP layer sees it: one function for `POST /api/messages`. */
export interface BotEndpoint {
  /** Runs one activity; answers the HTTP request itself (200, invoke body, 401 …). */
  process(req: Request, res: Response): Promise<void>;
}

/** Builds the adapter and the bot. */
export function createBotEndpoint(config: Config, services: BotServices): BotEndpoint {
  const adapter = createAdapter(config, services.log, services.metrics);
  const bot = new AfsBot(services);
  return { process: (req, res) => adapter.process(req, res, (context) => bot.run(context)) };
}

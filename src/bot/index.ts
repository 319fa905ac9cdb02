import type { Request, Response } from 'botbuilder';
import type { Config } from '../config';
import { createAdapter } from './adapter';
import { Router } from './router';
import { routes } from './routes';
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

/** Builds the adapter and the bot: its routing table over the services. */
export function createBotEndpoint(config: Config, services: BotServices): BotEndpoint {
  const adapter = createAdapter(config, services.log, services.metrics);
  const router = new Router(routes, services);
  return { process: (req, res) => adapter.process(req, res, (context) => router.run(context)) };
}

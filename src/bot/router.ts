import {
  ActivityTypes,
  INVOKE_RESPONSE_KEY,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { BotServices } from './services';
import { Turn } from './turn';

/** What a route does with a turn: an invoke's response, `'next'` to let later routes run too, or nothing. */
export type RouteResult = InvokeResponse | 'next' | void;

/**
 * One entry of the bot's routing table: which activities it takes (`select`) and what it does
 * with them. Commands, card actions, the search extension and conversation updates are all routes.
 */
export interface Route {
  /** What the route is for (logs, tests). */
  name: string;
  select(turn: Turn): boolean;
  handle(turn: Turn): Promise<RouteResult>;
}

/**
 * Runs each turn through the table: the first route that selects it handles it, unless it
 * answers `'next'` (then the following ones get their turn too). An invoke's response is sent
 * as the SDK's `invokeResponse` activity, which the adapter returns as the HTTP response.
 */
export class Router {
  constructor(
    private readonly routes: readonly Route[],
    private readonly services: BotServices,
  ) {}

  async run(context: TurnContext): Promise<void> {
    const turn = new Turn(context, this.services);
    for (const route of this.routes) {
      if (!route.select(turn)) continue;
      const result = await route.handle(turn);
      if (result === 'next') continue;
      if (result && !context.turnState.get(INVOKE_RESPONSE_KEY))
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: result });
      return;
    }
  }
}

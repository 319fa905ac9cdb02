import type restify from 'restify';
import { z } from 'zod';
import type { Answers } from '../answers';
import { COMMANDS_WORK_IN, commandNamed, commandRows } from '../bot';
import { helpCard } from '../cards';
import type { Metrics } from '../metrics';
import type { BodyParser } from './body';
import { MAX_BODY_BYTES } from './messages-route';

/** Longest question `/api/ask` takes: a Teams message is at most about 28 KB. */
export const MAX_ASK_CHARS = 32 * 1024;

const AskBody = z.object({ q: z.string() }).strict();

/**
 * The tab's and the playground's answers: `POST /api/ask` (the cards the bot would send) and
 * `GET /api/entries/:id` (one entry and its card), from the answers layer the bot uses.
 */
export function answersRoutes(
  server: restify.Server,
  deps: { answers: Answers; metrics: Metrics },
  body: BodyParser,
  /** Runs first on /api/ask (the per-address rate limit). */
  guard: restify.RequestHandler,
): void {
  const { answers, metrics } = deps;
  server.post(
    '/api/ask',
    guard,
    body(MAX_BODY_BYTES),
    async (req: restify.Request, res: restify.Response) => {
      const parsed = AskBody.safeParse(req.body);
      if (!parsed.success) {
        metrics.refused.inc({ reason: 'invalid' });
        res.send(400, {
          error: 'request_invalid',
          message: 'send {"q": "your question or error code"}',
        });
        return;
      }
      const q = parsed.data.q;
      if (q.length > MAX_ASK_CHARS) {
        metrics.refused.inc({ reason: 'query_too_long' });
        res.send(413, {
          error: 'query_too_long',
          message: `q is limited to ${MAX_ASK_CHARS} characters; paste the event or error line only`,
        });
        return;
      }
      // A failure is the error handler's: an AppError with its catalogue status (a 4xx naming
      // its code, a card template defect as an internal error with a request id).
      const answer = answers.reply(q);
      // A bot command typed here is not run: the reply says where commands work.
      const command = commandNamed(q);
      res.send(200, {
        result: answer.result,
        ...(command ? { command } : {}),
        cards: command ? [helpCard(commandRows(), COMMANDS_WORK_IN)] : answer.cards,
      });
    },
  );

  server.get('/api/entries/:id', async (req: restify.Request, res: restify.Response) => {
    const id = String(req.params?.id ?? '').slice(0, 200);
    const entry = answers.entry(id);
    if (!entry) {
      res.send(404, { error: 'not_found', message: `no entry ${id}` });
      return;
    }
    res.send(200, { entry, cards: [answers.entryCard(entry)] });
  });
}

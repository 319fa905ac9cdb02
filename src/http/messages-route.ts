import type restify from 'restify';
import { checkActivity, type BotEndpoint } from '../bot';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { plausibleBearer } from './bearer-shape';
import type { BodyParser } from './body';
import { whereWrong } from './where-wrong';

/** Largest request body: Teams messages are far smaller; a 1 MB paste still gets a reply. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** `POST /api/messages`: an activity checked (the bot's schema), then handed to the bot. */
export function messagesRoute(
  server: restify.Server,
  deps: { appId: string | null; bot: BotEndpoint; metrics: Metrics; log: Logger },
  body: BodyParser,
): void {
  const { bot, metrics, log } = deps;
  server.post(
    '/api/messages',
    body(MAX_BODY_BYTES),
    async (req: restify.Request, res: restify.Response) => {
      const started = process.hrtime.bigint();
      const checked = checkActivity(req.body);
      if (!checked.ok) {
        metrics.refused.inc({ reason: 'invalid' });
        res.send(400, {
          error: 'request_invalid',
          message: `not a Bot Framework activity (${whereWrong(checked.error)})`,
        });
        return;
      }
      if (deps.appId && !plausibleBearer(req.headers.authorization)) {
        metrics.refused.inc({ reason: 'unauthorized' });
        res.send(401, { error: 'unauthorized', message: 'a Bot Framework token is required' });
        return;
      }
      const { id, type } = checked.activity;
      const conversation = (checked.activity.conversationType ?? 'unknown').slice(0, 20);
      try {
        await bot.process(req, res);
      } catch (err) {
        // The SDK throws on activities whose fields have the wrong types.
        log.warn({ activityId: id, err }, 'activity refused');
        metrics.refused.inc({ reason: 'invalid' });
        if (!res.headersSent)
          res.send(400, {
            error: 'request_invalid',
            message: 'the activity has fields of the wrong type',
          });
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // A request the adapter did not authenticate is one refusal, whatever it claims to be.
        if (res.statusCode === 401 || res.statusCode === 403)
          metrics.refused.inc({ reason: 'unauthorized' });
        else if (res.statusCode !== 400) {
          metrics.turns.inc({ type, conversation });
          metrics.turnSeconds.observe({ type }, seconds);
        }
        log.debug(
          {
            activityId: id,
            type,
            conversation,
            ms: Math.round(seconds * 1000),
            status: res.statusCode,
          },
          'turn',
        );
      }
    },
  );
}

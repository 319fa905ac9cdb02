import restify from 'restify';
import type { Metrics } from '../metrics';
import { jsonOutOfBounds, MAX_JSON_DEPTH } from './json-limits';

/** Parses a route's JSON body within `maxBodySize` bytes. */
export type BodyParser = (maxBodySize: number) => restify.RequestHandler[];

/**
 * Each route parses its own body, with its own size limit, then its depth is checked before
 * anything recursive (zod, the SDK, the logger) walks it.
 */
export function bodyParser(metrics: Metrics): BodyParser {
  return (maxBodySize) => [
    ...restify.plugins.bodyParser({ maxBodySize, mapParams: false, mapFiles: false }),
    (req: restify.Request, res: restify.Response, next: restify.Next) => {
      const wrong = jsonOutOfBounds(req.body);
      if (!wrong) return next();
      metrics.refused.inc({ reason: wrong });
      res.send(wrong === 'too_deep' ? 400 : 413, {
        error: 'request_invalid',
        message:
          wrong === 'too_deep'
            ? `the body is nested deeper than ${MAX_JSON_DEPTH} levels`
            : 'the body holds too many values',
      });
      return next(false);
    },
  ];
}

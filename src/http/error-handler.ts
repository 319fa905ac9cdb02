import type restify from 'restify';
import { httpStatusOf, isAppError } from '../errors';
import type { Logger } from '../log';

/**
 * One place that turns failures into responses. A 5xx never carries the error's message
 * (a stack overflow's "RangeError: Maximum call stack size exceeded" reached callers before):
 * it says "internal error" with the request id, and the detail goes to the log under that id.
 * A 4xx keeps its message, which tells the caller what to change.
 */
export function installErrorHandler(server: restify.Server, log: Logger): void {
  server.on(
    'restifyError',
    (
      req: restify.Request,
      res: restify.Response,
      err: Error & { statusCode?: number },
      cb: () => void,
    ) => {
      // An AppError carries its status in the catalogue; restify's own errors carry theirs.
      const status = isAppError(err)
        ? httpStatusOf(err)
        : typeof err.statusCode === 'number'
          ? err.statusCode
          : 500;
      if (status >= 500) {
        const requestId = req.getId();
        // A handler that rejects with a non-Error arrives wrapped; what it threw is in `info`.
        const thrown = (err as { jse_info?: { cause?: unknown } }).jse_info?.cause;
        log.error(
          {
            err,
            ...(thrown !== undefined ? { thrown: String(thrown) } : {}),
            requestId,
            url: req.url?.slice(0, 200),
          },
          'request failed',
        );
        if (!res.headersSent) {
          res.setHeader('Request-Id', requestId);
          // Sending here stops restify from sending the error itself (it skips a sent response).
          res.send(status, { error: 'internal', message: 'internal error', requestId });
        }
        return cb();
      }
      if (isAppError(err)) {
        if (!res.headersSent) res.send(status, { error: err.code, message: err.message });
        return cb();
      }
      (err as { toJSON?: () => unknown }).toJSON = () => ({
        error: err.name,
        message: err.message,
      });
      return cb();
    },
  );
}

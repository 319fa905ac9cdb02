import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Budgets a client has (see HTTP_BUDGETS in config). */
export interface HttpBudgets {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
}

const firstRequestDeadline = Symbol('firstRequestDeadline');
type TimedSocket = Socket & { [firstRequestDeadline]?: NodeJS.Timeout };

/**
 * Closes sockets that take too long. Node's own header and request timeouts are only checked
 * every 30 s, so a new connection also gets its own deadline for the first request's headers;
 * later requests on a kept-alive socket are bounded by the keep-alive and idle timeouts.
 */
export function applyTimeouts(server: Server, budgets: HttpBudgets): void {
  server.headersTimeout = budgets.headersTimeoutMs;
  server.requestTimeout = budgets.requestTimeoutMs;
  server.keepAliveTimeout = Math.min(5_000, budgets.idleTimeoutMs);
  // With no 'timeout' listener on the server, Node destroys a socket idle this long.
  server.setTimeout(budgets.idleTimeoutMs);
  server.on('connection', (socket: TimedSocket) => {
    const timer = setTimeout(() => socket.destroy(), budgets.headersTimeoutMs);
    timer.unref();
    socket[firstRequestDeadline] = timer;
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (req: { socket: TimedSocket }) => {
    clearTimeout(req.socket[firstRequestDeadline]);
  });
}

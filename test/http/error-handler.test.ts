import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { installErrorHandler } from '../../src/http/error-handler';

/** A restify server with the error handler and routes that fail, logging into `lines`. */
async function serve(lines: string[]) {
  const log = pino(
    { level: 'error' },
    new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  );
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.get('/throws', async () => {
    throw new RangeError('Maximum call stack size exceeded at /srv/afsbot/secret.ts');
  });
  server.get('/rejects-with-string', async () => {
    throw 'SQLITE_CORRUPT: /data/afsbot.sqlite';
  });
  installErrorHandler(server, log);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('responses to failures', () => {
  it.each(['/throws', '/rejects-with-string'])(
    '%s answers 500 with a generic body and the request id; the detail goes to the log',
    async (path) => {
      const lines: string[] = [];
      const server = await serve(lines);
      try {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status).toBe(500);
        const body = (await res.json()) as { requestId: string };
        expect(body).toEqual({
          error: 'internal',
          message: 'internal error',
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(res.headers.get('request-id')).toBe(body.requestId);
        const logged = lines.join('');
        expect(logged).toContain(body.requestId);
        expect(logged).toMatch(/secret\.ts|SQLITE_CORRUPT/);
      } finally {
        await server.close();
      }
    },
  );

  it('keeps the message of a 4xx, which tells the caller what to change', async () => {
    const server = await serve([]);
    try {
      const res = await fetch(`${server.url}/no-such-path`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'ResourceNotFoundError' });
    } finally {
      await server.close();
    }
  });
});

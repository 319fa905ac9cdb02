import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { AppError } from '../../src/errors';
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
  server.get('/storage-down', async () => {
    throw new AppError('storage_unavailable', 'blob storage at /secret/account did not answer');
  });
  server.get('/bad-input', async () => {
    throw new AppError('input_invalid', 'the question must be text');
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

  it('answers an AppError with its status in the catalogue: 503 stays generic, 400 names the code', async () => {
    const lines: string[] = [];
    const server = await serve(lines);
    try {
      const down = await fetch(`${server.url}/storage-down`);
      expect(down.status).toBe(503);
      const body = (await down.json()) as { error: string; message: string };
      expect(body).toMatchObject({ error: 'internal', message: 'internal error' });
      expect(lines.join('')).toContain('/secret/account');
      const bad = await fetch(`${server.url}/bad-input`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        error: 'input_invalid',
        message: 'the question must be text',
      });
    } finally {
      await server.close();
    }
  });
});

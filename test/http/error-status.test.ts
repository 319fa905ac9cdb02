/**
 * What `/api/ask` answers when an answer fails: the caller's mistake with its 4xx and code, a
 * defect of the package (here a card template that does not expand to a card) as an internal
 * error with a request id, as every other route answers it, not as the caller's 400.
 * The server runs from a copy of the package whose `cards/answer.json` is broken.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES, ERRORS, httpStatusOf, AppError } from '../../src/errors';
import { ROOT } from '../helpers';

/** A copy of the built package (node_modules linked) with `cards/answer.json` replaced. */
function brokenPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'afsbot-broken-'));
  for (const part of ['package.json', 'bin', 'dist', 'knowledge', 'cards'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'cards', 'answer.json'),
    JSON.stringify({ type: 'TextBlock', text: 'x' }),
  );
  return dir;
}

async function serve(
  cwd: string,
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, ['bin/afsbot.js', 'serve'], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', DATA_DIR: join(cwd, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 15 s: ${out}`)), 15_000);
    child.stdout!.on('data', () => {
      const m = /listening.*?(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`afsbot serve exited with ${code}: ${out}`)));
  });
  return { child, url, log: () => out };
}

describe('HTTP status of a failed answer', () => {
  it('gives every code of the catalogue a status: 4xx for the caller, 5xx for us', () => {
    for (const code of ERROR_CODES) {
      expect(ERRORS[code].http).toBeGreaterThanOrEqual(400);
      expect(ERRORS[code].http).toBeLessThan(600);
    }
    expect(httpStatusOf(new AppError('input_invalid', 'x'))).toBe(400);
    expect(httpStatusOf(new AppError('card_template_invalid', 'x'))).toBe(500);
    expect(httpStatusOf(new Error('not ours'))).toBe(500);
  });

  it('answers a card template defect at /api/ask as an internal error, logged under its request id', async () => {
    const dir = brokenPackage();
    const { child, url, log } = await serve(dir);
    try {
      const res = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ q: 'sync fails with 0x80c8600d' }),
      });
      const body = (await res.json()) as { error: string; message: string; requestId?: string };
      expect(res.status).toBe(500);
      expect(body).toMatchObject({ error: 'internal', message: 'internal error' });
      expect(body.requestId).toBeTruthy();
      // The detail is in the log, under the id the caller was given.
      await new Promise((r) => setTimeout(r, 200));
      expect(log()).toContain(body.requestId!);
      expect(log()).toContain('did not expand to a card');
      // A question it cannot read is still the caller's 400.
      const bad = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ question: 'x' }),
      });
      expect(bad.status).toBe(400);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

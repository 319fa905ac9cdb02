import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AppError } from '../errors';
import { projectRoot } from '../project-root';

/** Where and how to start Microsoft 365 Agents Playground. */
export interface PlaygroundOptions {
  /** The bot's message endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  endpoint: string;
  /** The port its page is served on (it must be free: see `assertPortFree`). */
  port: number;
  /** Folder for its log file (it writes one into its working directory otherwise). */
  workDir: string;
  /** Its conversations: a personal chat, a group chat, a team (default: the project's file). */
  configPath?: string;
  /** Open the page in the default browser (off in tests). */
  openBrowser?: boolean;
}

/** A running playground and how to stop it. */
export interface RunningPlayground {
  url: string;
  port: number;
  logFile: string;
  close(): Promise<void>;
}

/** The project's playground conversations. */
export const PLAYGROUND_CONFIG = join(projectRoot(), '.m365agentsplayground.yml');

/** How long the playground may take to serve its page. */
const START_TIMEOUT_MS = 30_000;

/** Path of the playground's CLI, or a clear error when the devDependency is not installed. */
function playgroundCli(): string {
  try {
    return require.resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    throw new AppError(
      'usage',
      'Microsoft 365 Agents Playground is not installed: it is a devDependency, so run `npm ci` (without --omit=dev)',
    );
  }
}

/**
 * Throws a one-line error naming the port when something already listens on it. The playground
 * itself would silently move to a random port, and the page would not be where we said.
 */
export async function assertPortFree(port: number, flag: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new AppError(
              'usage',
              `port ${port} is ${err.code === 'EACCES' ? 'not allowed' : 'already in use'}: choose another with ${flag} <port>`,
            )
          : err,
      ),
    );
    // NOTE: the playground listens on every interface, so probe every interface too.
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** The last lines of the playground's log: why it stopped, when it does. */
function logTail(file: string): string {
  if (!existsSync(file)) return '(no log)';
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return lines
    .filter((l) => /^error /.test(l))
    .slice(-3)
    .join(' ')
    .slice(0, 600);
}

/** Polls the page until it answers, the process exits or the deadline passes. */
async function waitUntilServing(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited)
      throw new AppError('usage', `Agents Playground stopped at start: ${logTail(logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      // NOTE: it prints "Listening" before it reads its config file, and exits when that fails.
      if (res.ok) {
        await new Promise((r) => setTimeout(r, 300));
        if (!exited) return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new AppError('usage', `Agents Playground did not serve ${url} within 30 s`);
}

/**
 * Starts Microsoft 365 Agents Playground (the local Teams emulator) against the bot: a personal
 * chat, a group chat and a team channel from `.m365agentsplayground.yml`, telemetry off.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = playgroundCli();
  await assertPortFree(opts.port, '--playground-port');
  mkdirSync(opts.workDir, { recursive: true });
  const logFile = join(opts.workDir, 'm365agentsplayground.log');
  const child = spawn(
    process.execPath,
    [cli, '-e', opts.endpoint, '-c', 'msteams', '-p', String(opts.port), '--dt'],
    {
      cwd: opts.workDir,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: opts.configPath ?? PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        ...(opts.openBrowser ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
      },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${opts.port}/`;
  await waitUntilServing(child, url, logFile);
  return {
    url,
    port: opts.port,
    logFile,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

import { createInterface } from 'node:readline';
import { AppError, exitCodeOf, isAppError } from '../errors';
import { loadIndex } from '../knowledge/load';
import { Matcher } from '../matching/ask';
import { loadEnvFile } from './env-file';
import { formatAnswer } from './format-answer';
import { envWith, serveFlags } from './serve-command';

const USAGE = `afsbot: Azure File Sync and MARS agent troubleshooting answers

  afsbot ask "text"                     readable answer
  afsbot ask --json "text"              one AskResult as JSON
  afsbot ask --cards "text"             the result and the Adaptive Cards the bot replies with
  afsbot ask --json --batch FILE        JSON Lines in ({"id","q"}), one AskResult per line out
  afsbot gaps [export|phrasings|replay] questions the bot could not answer (GAPS_RETENTION_DAYS)
  afsbot knowledge build <paths> [--out FILE] [--check]
  afsbot eval FILE.jsonl [--split FILE] [--shared FILE] [--ranker bm25|fuse] [--misses] [--tune]
  afsbot outbox list [--json]           notifications given up (failed, dropped)
  afsbot outbox retry KEY|--all         queue them again
  afsbot serve [--port N] [--host H]    the bot, health, metrics and the knowledge tab (npm start)
  afsbot playground [--port N] [--playground-port N]
                                        the bot and Microsoft 365 Agents Playground, Teams without
                                        a tenant: a personal chat, a group chat and a channel
  afsbot chat                           interactive: one question per line (answers only; the
                                        commands help, status, subscribe work in Teams and the playground)

  serve and playground read .env from the working directory first (the environment wins).`;

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Reads questions line by line from stdin and answers each (the local mode of `npm start`). */
async function interactive(): Promise<number> {
  const matcher = new Matcher(loadIndex());
  // The command table, to say where a typed command works rather than match it as a question.
  const { COMMANDS_WORK_IN, commandNamed, commandRows } = await import('../bot/commands/where');
  const commandsElsewhere = (command: string) =>
    [
      `"${command}" is a command of the bot. ${COMMANDS_WORK_IN}`,
      '',
      ...commandRows().map((c) => `  ${c.usage.padEnd(58)} ${c.description}`),
    ].join('\n');
  const tty = process.stdin.isTTY;
  if (tty)
    out(
      `afsbot: ${matcher.index.entries.length} knowledge entries loaded. Paste an error code, an event or a question; Ctrl+D to quit.`,
    );
  const rl = createInterface({ input: process.stdin, terminal: false });
  if (tty) process.stdout.write('> ');
  for await (const line of rl) {
    if (line.trim()) {
      try {
        const command = commandNamed(line);
        if (command) out(commandsElsewhere(command));
        else out(formatAnswer(matcher.ask(line)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        err(`error: ${e.message}`);
      }
    }
    if (tty) process.stdout.write('\n> ');
  }
  return 0;
}

// Each command loads what it needs: `serve` starts faster without the importer and the eval.

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Runs the server until SIGINT/SIGTERM; prints where the knowledge tab is. */
async function serve(argv: string[]): Promise<number> {
  const flags = serveFlags(argv, 'serve');
  const envFile = loadEnvFile();
  const { loadConfig } = await import('../config');
  const { startApp } = await import('../app');
  const app = await startApp(loadConfig(envWith(flags, process.env)));
  if (envFile) out(`afsbot: settings read from ${envFile}`);
  out(`afsbot is listening: knowledge tab ${app.url}/  ·  bot endpoint ${app.url}/api/messages`);
  await stopSignal();
  await app.close();
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'ask':
      return (await import('./ask-command')).askCommand(rest, out);
    case 'knowledge':
      return (await import('./knowledge-command')).knowledgeCommand(rest, out, err);
    case 'gaps':
      return (await import('./gaps-command')).gapsCommand(rest, out, err);
    case 'eval':
      return (await import('./eval-command')).evalCommand(rest, out);
    case 'outbox':
      return (await import('./outbox-command')).outboxCommand(rest, out);
    case 'chat':
      return interactive();
    case 'serve':
    case 'start':
      return serve(rest);
    case 'playground':
      return (await import('./playground-command')).playgroundCommand(rest, out, stopSignal);
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      throw new AppError('usage', `unknown command ${cmd}\n\n${USAGE}`);
  }
}

/** CLI entry point: exit 0 ok, 1 a check failed, 2 bad usage or input. */
export function main(argv: string[]): void {
  // Output piped into `head` and closed early is not a failure of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (isAppError(e)) {
        err(`afsbot: ${e.message}`);
        process.exitCode = exitCodeOf(e);
      } else {
        err(`afsbot: unexpected failure: ${(e as Error)?.stack ?? String(e)}`);
        process.exitCode = 3;
      }
    },
  );
}

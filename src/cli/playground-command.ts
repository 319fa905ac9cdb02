import { join } from 'node:path';
import { AppError } from '../errors';
import { loadEnvFile } from './env-file';
import { startPlayground } from './playground';
import { envWith, serveFlags } from './serve-command';

/** The playground's own default port. */
const PLAYGROUND_PORT = 56150;

/**
 * `afsbot playground` (`npm run playground`): the bot on loopback and Microsoft 365 Agents
 * Playground wired to it, so the bot can be tried as in Teams without a tenant. Stops both on
 * SIGINT/SIGTERM.
 */
export async function playgroundCommand(
  argv: string[],
  out: (s: string) => void,
  stopped: () => Promise<void>,
): Promise<number> {
  const flags = serveFlags(argv, 'playground');
  loadEnvFile();
  const { loadConfig } = await import('../config');
  const config = loadConfig(envWith({ ...flags, host: '127.0.0.1' }, process.env));
  if (config.appId)
    // NOTE: the playground sends no Bot Framework token, so an authenticated bot refuses it.
    throw new AppError(
      'usage',
      'the playground sends no Bot Framework token: unset MicrosoftAppId (in the environment or .env) to try the bot in it',
    );
  const { startApp } = await import('../app');
  const app = await startApp(config);
  let playground;
  try {
    playground = await startPlayground({
      endpoint: `${app.url}/api/messages`,
      port: flags.playgroundPort ?? PLAYGROUND_PORT,
      workDir: join(config.dataDir, 'playground'),
      openBrowser: true,
    });
  } catch (err) {
    await app.close();
    throw err;
  }
  out(
    `Microsoft 365 Agents Playground: ${playground.url}  (a personal chat, a group chat and a channel; @mention afsbot in the last two)`,
  );
  out(
    `afsbot: bot endpoint ${app.url}/api/messages  ·  knowledge tab ${app.url}/  ·  Ctrl+C stops both`,
  );
  await stopped();
  await playground.close();
  await app.close();
  return 0;
}

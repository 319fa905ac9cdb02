import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createLogger, type Logger } from '../../src/log';

/** A running app as tests start it, with the config it was given and its data directory. */
export type TestApp = RunningApp & { config: Config; dataDir: string };

export interface TestAppOptions {
  /** The app's logger (silent unless given). */
  log?: Logger;
  /** HTTP limits over the config's (timeouts, body sizes) that the environment does not set. */
  http?: Partial<Config['http']>;
}

/**
 * Starts the whole app as `afsbot serve` does, on a free port, with a fresh DATA_DIR and a silent
 * log; `env` adds to or overrides that environment (DATA_DIR included, to restart on the same
 * data). Close it with `app.close()`.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'afsbot-test-'));
  const loaded = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env, DATA_DIR: dataDir });
  const config = options.http ? { ...loaded, http: { ...loaded.http, ...options.http } } : loaded;
  const app = await startApp(config, options.log ?? createLogger('silent'));
  return Object.assign(app, { config, dataDir });
}

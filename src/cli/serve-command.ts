import { AppError } from '../errors';
import { parseArgs } from './args';

/** Settings `serve` and `playground` take from their flags, over the environment's. */
export interface ServeFlags {
  port?: number;
  host?: string;
  playgroundPort?: number;
}

/** A port number from a flag, or a usage error that names the flag. */
function portFlag(flag: string, value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new AppError('usage', `--${flag} is a port number (0 to 65535), not ${String(value)}`);
  return n;
}

/**
 * `serve [--port N] [--host H]` and `playground [--port N] [--playground-port N]`: unknown flags
 * and stray words are refused, as `ask` refuses them.
 */
export function serveFlags(argv: string[], command: 'serve' | 'playground'): ServeFlags {
  const valued = command === 'serve' ? ['port', 'host'] : ['port', 'playground-port'];
  const { flags, positional } = parseArgs(argv, valued, []);
  if (positional.length)
    throw new AppError(
      'usage',
      `afsbot ${command} takes no arguments, only ${valued.map((v) => `--${v}`).join(', ')}: not "${positional[0].slice(0, 40)}"`,
    );
  const host = flags.get('host');
  if (host !== undefined && (typeof host !== 'string' || !/^[\w.:-]{1,253}$/.test(host)))
    throw new AppError('usage', '--host is a host name or an IP address, e.g. 127.0.0.1');
  const port = portFlag('port', flags.get('port'));
  const playgroundPort = portFlag('playground-port', flags.get('playground-port'));
  return {
    ...(port !== undefined ? { port } : {}),
    ...(typeof host === 'string' ? { host } : {}),
    ...(playgroundPort !== undefined ? { playgroundPort } : {}),
  };
}

/** The environment with the flags' values in the variables the config reads. */
export function envWith(flags: ServeFlags, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    ...(flags.port !== undefined ? { PORT: String(flags.port) } : {}),
    ...(flags.host !== undefined ? { HOST: flags.host } : {}),
  };
}

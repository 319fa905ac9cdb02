import { AppError } from '../errors';

/** Flags and positional words of one command line. */
export interface Args {
  flags: Map<string, string | true>;
  positional: string[];
}

/** Parses `--flag`, `--flag value` (for flags listed in `valued`) and positionals. */
export function parseArgs(argv: string[], valued: string[], known: string[]): Args {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!known.includes(name) && !valued.includes(name))
        throw new AppError('usage', `unknown option --${name}`);
      if (valued.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new AppError('usage', `--${name} needs a value`);
        flags.set(name, v);
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { flags, positional };
}

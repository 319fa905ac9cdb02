import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads `.env` from the working directory into the environment, as `.env.example` invites.
 * Variables already set in the environment win over the file. Returns the file read, or null.
 */
export function loadEnvFile(dir = process.cwd()): string | null {
  const file = resolve(dir, '.env');
  if (!existsSync(file)) return null;
  // Node's own parser (20.12 and later): KEY=value lines, quotes, comments; it never overrides.
  process.loadEnvFile(file);
  return file;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's own folder: the nearest parent of this file that holds package.json. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return join(__dirname, '..');
    dir = up;
  }
  return dir;
}

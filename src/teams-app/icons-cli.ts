import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';
import { drawColorIcon, drawOutlineIcon } from './draw-icons';
import { encodePng } from './png';

/** Where the Teams app icons live, beside the manifest template. */
export const TEAMS_DIR = join(projectRoot(), 'deploy', 'teams');

/** Draws the Teams app icons and writes them to `deploy/teams/` (run after changing the drawing). */
export function writeIcons(dir: string = TEAMS_DIR): string[] {
  const files: [string, Buffer][] = [
    ['color.png', encodePng(drawColorIcon())],
    ['outline.png', encodePng(drawOutlineIcon())],
  ];
  for (const [name, data] of files) writeFileSync(join(dir, name), data);
  return files.map(([name]) => join(dir, name));
}

if (require.main === module) {
  for (const file of writeIcons()) process.stdout.write(`wrote ${file}\n`);
}

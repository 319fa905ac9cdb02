import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Project root. */
export const ROOT = join(__dirname, '..');
/** The source articles live beside the project, never inside it. */
export const SEEDS = join(ROOT, '..', 'shared', 'seeds');
export const FIXTURES = join(__dirname, 'fixtures');

/** True when ../shared/seeds is present; says so once when it is not. */
export function seedsPresent(): boolean {
  const ok = existsSync(SEEDS);
  if (!ok)
    console.warn(
      `SKIPPED: ${SEEDS} is absent, so the tests that need the full source articles did not run`,
    );
  return ok;
}

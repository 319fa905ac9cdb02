import { appendFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../src/project-root';

/** Where every reliability check appends its outcome; `docs/reliability.md` is made from it. */
export const RESULTS_FILE = join(
  projectRoot(__dirname),
  'test-artifacts',
  'reliability',
  'results.jsonl',
);

/** One line of the reliability table: what was tried, how many times, and what held. */
export interface ReliabilityResult {
  /** Area of the table: `fuzz`, `auth`, `faults`, `crash`, `scale-out`, `soak`. */
  area: string;
  /** What was tried, as a reader would say it. */
  check: string;
  /** How many inputs, runs or kills. */
  tried: number;
  /** How many of them met the expectation. */
  held: number;
  /** What was expected of each. */
  expectation: string;
  /** Measured figures worth a column (latency, counts), as display strings. */
  figures?: Record<string, string | number>;
  /** The file that ran the check; under jest, the test file, found by itself. */
  suite?: string;
}

/** The jest test file running now, relative to the project (undefined outside jest). */
function currentSuite(): string | undefined {
  const state = (globalThis as { expect?: { getState?(): { testPath?: string } } }).expect;
  const path = state?.getState?.().testPath;
  return path ? relative(projectRoot(__dirname), path) : undefined;
}

/** Appends a result (the tests assert on their own; this only keeps the evidence). */
export function record(result: ReliabilityResult): void {
  mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
  const suite = result.suite ?? currentSuite();
  appendFileSync(
    RESULTS_FILE,
    JSON.stringify({ ...result, ...(suite ? { suite } : {}), at: new Date().toISOString() }) + '\n',
  );
}

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Area of the table: `fuzz`, `auth`, `faults`, `crash`, `soak`. */
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
}

/** Appends a result (the tests assert on their own; this only keeps the evidence). */
export function record(result: ReliabilityResult): void {
  mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
  appendFileSync(RESULTS_FILE, JSON.stringify({ ...result, at: new Date().toISOString() }) + '\n');
}

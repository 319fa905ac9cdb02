/**
 * `npm run reliability:report`: writes docs/reliability.md from the results the reliability
 * suite recorded (test-artifacts/reliability/results.jsonl), the latest run of each check.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';
import { RESULTS_FILE, type ReliabilityResult } from '../reliability/record';

const OUT = join(projectRoot(__dirname), 'docs', 'reliability.md');
const AREAS: [string, string][] = [
  ['fuzz', 'Hostile and random input'],
  ['auth', 'Authentication'],
  ['faults', 'Faults in what the bot depends on'],
  ['crash', 'Crash safety (SIGKILL)'],
  ['soak', 'Soak'],
];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function main(): void {
  if (!existsSync(RESULTS_FILE)) {
    console.error(`no results at ${RESULTS_FILE}: run npm test (and npm run soak) first`);
    process.exitCode = 2;
    return;
  }
  const latest = new Map<string, ReliabilityResult & { at: string }>();
  for (const line of readFileSync(RESULTS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as ReliabilityResult & { at: string };
    latest.set(`${r.area}\u0000${r.check}`, r);
  }
  const rows = [...latest.values()];
  const lines = [
    '# Reliability: what was tried and what held',
    '',
    'Produced by `npm run reliability:report` from the results the reliability suite records',
    '(`test/reliability/`, the soak in `test/bench/soak.ts`); the latest run of each check. CI runs',
    'the short versions on every change; the long versions (10,000 fuzzed messages, 20 kills per',
    'crash check, the ten-minute soak) were run on a machine with ' + `${cpus().length} cores.`,
    '',
  ];
  for (const [area, title] of AREAS) {
    const inArea = rows.filter((r) => r.area === area);
    if (inArea.length === 0) continue;
    lines.push(
      `## ${title}`,
      '',
      '| check | tried | held | expected of each | figures | run |',
      '|---|---|---|---|---|---|',
    );
    for (const r of inArea) {
      const figures = Object.entries(r.figures ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ');
      lines.push(
        `| ${cell(r.check)} | ${r.tried} | ${r.held}${r.held === r.tried ? '' : ' (**' + (r.tried - r.held) + ' did not**)'} | ${cell(r.expectation)} | ${cell(figures)} | ${r.at.slice(0, 10)} |`,
      );
    }
    lines.push('');
  }
  writeFileSync(OUT, lines.join('\n'));
  console.log(`wrote ${OUT}: ${rows.length} checks`);
}

main();

/**
 * docs/reliability.md is the record of the reliability work: it must name every reliability
 * suite in the repository (regenerate it with `npm run reliability:report` after adding one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reliabilitySuites } from '../bench/reliability-report';
import { ROOT } from '../helpers';

const DOC = join(ROOT, 'docs', 'reliability.md');

describe('the reliability record', () => {
  it('is committed', () => {
    expect(existsSync(DOC)).toBe(true);
  });

  it.each(reliabilitySuites())('names the suite %s', (suite) => {
    expect(readFileSync(DOC, 'utf8')).toContain(`\`${suite}\``);
  });

  it('gives figures for each kind of check', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const heading of [
      '## Hostile and random input',
      '## Authentication (token validation)',
      '## Crash safety (SIGKILL)',
      '## Notifications under throttling and server errors',
      '## Soak',
      '## Notification gaps closed',
    ])
      expect(doc).toContain(heading);
    expect(doc).toMatch(/RSS slope MB\/min: -?\d/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterGaps } from '../../src/gaps/cluster';
import { unifiedDiff } from '../../src/gaps/diff';
import {
  assignmentsFor,
  MAX_PHRASINGS_PER_KEY,
  phrasingOf,
  serializePhrasings,
  withSuggestions,
} from '../../src/gaps/phrasings';
import { phrasingKey } from '../../src/knowledge/import/build';
import { entryIds, gap, index, records } from './fixtures';

const entry = (id: string) => index.entries.find((e) => e.id === id);
const questions = new Map(records.map((r) => [r.key, r.q]));

describe('clustering', () => {
  it('puts similar questions together, counts them, and sums what was shown and chosen', () => {
    const clusters = clusterGaps(records);
    const grey = clusters[0];
    expect(grey.size).toBe(2);
    expect(grey.count).toBe(10);
    expect(grey.chosen[0]).toEqual({ entryId: entryIds[5], n: 6 });
    expect(grey.questions[0].q).toContain('from the cloud');
    // Unrelated questions stay apart; every question is in exactly one cluster.
    expect(clusters.flatMap((c) => c.memberIds).sort()).toEqual(records.map((r) => r.key).sort());
    expect(new Set(clusters.map((c) => c.id)).size).toBe(clusters.length);
  });

  it('is the same for the same records in any order', () => {
    const a = clusterGaps(records);
    const b = clusterGaps([...records].reverse());
    expect(b).toEqual(a);
  });
});

describe('phrasing suggestions', () => {
  const clusters = clusterGaps(records);

  it('take the assigned entry, else the entry chosen most in "did you mean" (no tie)', () => {
    const offTopic = clusters.find((c) => c.verdicts['off-topic'])!;
    const tied = clusterGaps([gap('odd tie question here', 2, { chosen: { a: 1, b: 1 } })]);
    expect(assignmentsFor(tied, new Map())).toEqual([]);
    const out = assignmentsFor(clusters, new Map([[offTopic.id, entryIds[7]]]));
    expect(out).toEqual([
      { clusterId: clusters[0].id, entryId: entryIds[5], source: 'chosen' },
      { clusterId: offTopic.id, entryId: entryIds[7], source: 'assigned' },
    ]);
  });

  it('turn placeholders into words and leave out pastes and very short text', () => {
    expect(phrasingOf('sync on [server] fails for [path]  now')).toBe(
      'sync on server fails for path now',
    );
    expect(phrasingOf('Log Name: x\nEvent ID: 9102')).toBeNull();
    expect(phrasingOf('help')).toBeNull();
    expect(phrasingOf('word '.repeat(100))).toBeNull();
  });

  it('add the cluster questions under the entry key, without duplicates, keeping the rest', () => {
    const current = { 'some-key': ['kept as is'] };
    const assigned = assignmentsFor(clusters, new Map());
    const { next, added } = withSuggestions(
      current,
      clusters,
      questions,
      assigned,
      entry,
      phrasingKey,
    );
    const key = phrasingKey(entry(entryIds[5])!)!;
    expect(next['some-key']).toEqual(['kept as is']);
    expect(next[key]).toEqual(
      expect.arrayContaining([
        'files on server show a grey x and never come back from the cloud',
        'files on server show a grey x and never come back',
      ]),
    );
    expect(added.map((a) => a.source)).toEqual(['chosen', 'chosen']);
    const again = withSuggestions(next, clusters, questions, assigned, entry, phrasingKey);
    expect(again.added).toEqual([]);
    expect(again.next).toEqual(next);
  });

  it('respect the per-key limit and report what was left out', () => {
    const key = phrasingKey(entry(entryIds[5])!)!;
    const full = { [key]: Array.from({ length: MAX_PHRASINGS_PER_KEY }, (_, i) => `p${i}`) };
    const r = withSuggestions(
      full,
      clusters,
      questions,
      assignmentsFor(clusters, new Map()),
      entry,
      phrasingKey,
    );
    expect(r.next[key]).toHaveLength(MAX_PHRASINGS_PER_KEY);
    expect(r.problems.join('\n')).toMatch(/already has 40 phrasings/);
  });

  it('report an assignment to an entry that is not in the knowledge', () => {
    const r = withSuggestions(
      {},
      clusters,
      questions,
      [{ clusterId: clusters[0].id, entryId: 'no-such-entry', source: 'assigned' }],
      entry,
      phrasingKey,
    );
    expect(r.added).toEqual([]);
    expect(r.problems[0]).toMatch(/no entry no-such-entry/);
  });
});

describe('the patch', () => {
  it('is empty for no change and applies with patch(1) to give exactly the new file', () => {
    const before = readFileSync(join(__dirname, '..', '..', 'knowledge', 'phrasings.json'), 'utf8');
    expect(unifiedDiff(before, before, 'knowledge/phrasings.json')).toBe('');
    const parsed = JSON.parse(before) as Record<string, string[]>;
    const keys = Object.keys(parsed);
    parsed[keys[0]].push('first added');
    parsed[keys[keys.length - 1]].push('last added');
    parsed[keys[10]].splice(1, 1);
    parsed['new-key'] = ['brand new'];
    const after = serializePhrasings(parsed);
    const diff = unifiedDiff(before, after, 'knowledge/phrasings.json');
    expect(diff).toMatch(
      /^--- a\/knowledge\/phrasings\.json\n\+\+\+ b\/knowledge\/phrasings\.json\n@@ -\d+,\d+ \+\d+,\d+ @@\n/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'afsbot-diff-'));
    writeFileSync(join(dir, 'phrasings.json'), before);
    const r = spawnSync('patch', ['-s', join(dir, 'phrasings.json')], {
      input: diff,
      encoding: 'utf8',
    });
    expect(r.stderr + r.stdout).toBe('');
    expect(readFileSync(join(dir, 'phrasings.json'), 'utf8')).toBe(after);
  });
});

/**
 * From question to phrasing: the bot records what it could not answer (real app, SQLite), then
 * the compiled CLI lists the clusters, exports them, prints the phrasing patch (which `git apply`
 * accepts) and replays the export before and after the phrasings.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportLine } from '../../src/gaps/export';
import type { ReplayReport } from '../../src/eval/replay';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { ROOT } from '../helpers';
import { startTestApp } from '../support/test-app';

const BIN = join(ROOT, 'bin', 'afsbot.js');
const tmp = mkdtempSync(join(tmpdir(), 'afsbot-gaps-cli-'));
const DATA_DIR = join(tmp, 'data');
const run = (args: string[], cwd = ROOT) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR, STORAGE: 'sqlite' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const ASKED = [
  'server endpoint health No Activity on FS01 and registered servers blade says Appears offline',
  'server endpoint health No Activity on FS01 and registered servers blade says Appears offline',
  'server endpoint health shows No Activity on FS02 and the registered servers blade says Appears offline',
  'why does our sync use so much bandwidth at night on FS03',
];
let chosenEntry = '';

beforeAll(async () => {
  const connector = new FakeConnector();
  await connector.start();
  const app = await startTestApp({ DATA_DIR, GAPS_RETENTION_DAYS: '30' });
  try {
    const post = (body: unknown) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const q of ASKED) await post(A.personal(connector.url, q));
    // The first reply is a "did you mean": choose its first candidate.
    const [first] = connector.sentTo('a:personal-1');
    const card = JSON.stringify(first.attachments);
    const data = JSON.parse(/"verb":"show","data":(\{[^}]*\})/.exec(card)![1]) as {
      entryId: string;
    };
    chosenEntry = data.entryId;
    await post(A.cardAction(connector.url, 'show', data));
    await app.services.gaps!.settled();
  } finally {
    await app.close();
    await connector.stop();
  }
}, 60_000);

describe('afsbot gaps (compiled CLI)', () => {
  it('lists clusters of similar questions with counts, what was shown and what people chose', () => {
    const r = run(['gaps']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 questions in 2 clusters/);
    expect(r.out).toMatch(/c[0-9a-f]{8} {2}3x {2}2 questions {2}did-you-mean 3/);
    expect(r.out).toContain(`chosen: ${chosenEntry}`);
    expect(r.out).not.toMatch(/FS0\d/);
  });

  it('exports, prints a patch git applies, and replays the export before and after', () => {
    const exported = join(tmp, 'gaps.jsonl');
    expect(run(['gaps', 'export', '--out', exported]).code).toBe(0);
    const lines = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((l) => ExportLine.parse(JSON.parse(l)));
    expect(lines).toHaveLength(3);
    const offTopic = lines.find((l) => l.q.includes('bandwidth'))!;

    // The did-you-mean choice is a suggestion; the off-topic cluster is assigned by hand.
    const patch = run([
      'gaps',
      'phrasings',
      '--from',
      exported,
      '--assign',
      `${offTopic.cluster}=${chosenEntry}`,
    ]);
    expect(patch.code).toBe(0);
    expect(patch.out).toMatch(
      /^--- a\/knowledge\/phrasings\.json\n\+\+\+ b\/knowledge\/phrasings\.json\n@@ /,
    );
    expect(patch.out).toContain(
      '+    "server endpoint health No Activity on server and registered servers blade says Appears offline"',
    );
    expect(patch.out).toContain(
      '+    "why does our sync use so much bandwidth at night on server"',
    );
    expect(patch.err).toContain('chosen in did-you-mean');
    expect(patch.err).toContain('assigned');

    const repo = join(tmp, 'repo');
    mkdirSync(join(repo, 'knowledge'), { recursive: true });
    copyFileSync(
      join(ROOT, 'knowledge', 'phrasings.json'),
      join(repo, 'knowledge', 'phrasings.json'),
    );
    writeFileSync(join(repo, 'change.patch'), patch.out);
    const git = (args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    expect(git(['init', '-q']).status).toBe(0);
    const applied = git(['apply', 'change.patch']);
    expect(applied.stderr).toBe('');
    const after = JSON.parse(
      readFileSync(join(repo, 'knowledge', 'phrasings.json'), 'utf8'),
    ) as Record<string, string[]>;
    expect(Object.values(after).flat()).toContain(
      'why does our sync use so much bandwidth at night on server',
    );

    const suggested = join(repo, 'knowledge', 'phrasings.json');
    const replayed = run(['gaps', 'replay', exported, '--phrasings', suggested, '--json']);
    const report = JSON.parse(replayed.out) as ReplayReport;
    expect(report.n).toBe(3);
    expect(report.withExpected).toBe(2);
    // The question assigned by hand is now answered by the entry it was assigned to.
    expect(report.after.confident).toBeGreaterThan(report.before.confident);
    expect(report.changes).toContainEqual(
      expect.objectContaining({ q: offTopic.q, after: `answer ${chosenEntry}` }),
    );
    expect(report.after.top3).toBeGreaterThanOrEqual(report.before.top3);
    expect(report.evalSet?.length).toBeGreaterThan(0);
    expect(replayed.code).toBe(report.evalHeld ? 0 : 1);
    const text = run(['gaps', 'replay', exported, '--phrasings', suggested]);
    expect(text.out).toContain('not part of the held-out test sets');
  });

  it('refuses an assignment to a cluster or entry that does not exist', () => {
    const r = run(['gaps', 'phrasings', '--assign', 'c00000000=no-such-entry']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no cluster c00000000/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalCommand } from '../../src/cli/eval-command';

const dir = mkdtempSync(join(tmpdir(), 'afsbot-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const q = (id: string, text: string, expect: object, category = 'question-sync') => ({
  id,
  category,
  q: text,
  expect,
});

function run(queries: object[], split: object, shared?: object[]): { code: number; out: string } {
  const qFile = join(dir, 'q.jsonl');
  const sFile = join(dir, 'split.json');
  writeFileSync(qFile, lines(queries));
  writeFileSync(sFile, JSON.stringify(split));
  const sharedFile = join(dir, 'shared.jsonl');
  if (shared) writeFileSync(sharedFile, lines(shared));
  const out: string[] = [];
  const code = evalCommand(
    [qFile, '--split', sFile, '--shared', shared ? sharedFile : join(dir, 'absent.jsonl')],
    (s) => out.push(s),
  );
  return { code, out: out.join('\n') };
}

const good = [
  q('t1', 'how do i run AFSDiag to collect traces for a support case', {
    anchors: ['general-troubleshooting'],
  }),
  q('t2', 'what is the weather in Seattle tomorrow', { reject: true }, 'off-topic'),
  q('s1', 'how do I monitor recall activity on a server', { anchors: ['monitor-recall-activity'] }),
  q('s2', 'convert 1500 usd to eur', { reject: true }, 'off-topic'),
];
const split = { seed: 's', tuning: ['t1', 't2'], test: ['s1', 's2'] };

describe('afsbot eval with a split and the shared set', () => {
  it('reports the tuning half, the test half and says when the shared set is absent', () => {
    const { code, out } = run(good, split);
    expect(out).toMatch(/tuning half .*: 1 questions, top-1 100\.0%/);
    expect(out).toMatch(/test half .*: 1 questions, top-1 100\.0%, top-3 100\.0%/);
    expect(out).toMatch(/off-topic probes 1, rejected 100\.0%/);
    expect(out).toContain('PASS test half: every floor held; goals all met');
    expect(out).toMatch(
      /test half \(never tuned on\), 95% intervals: top-1 20\.7-100\.0%.*goals above the interval: none/,
    );
    expect(out).toMatch(/shared set: .*absent\.jsonl is absent, not scored/);
    expect(code).toBe(0);
  });

  it('reports the test half of the first split apart when later batches add to it', () => {
    const later = [
      ...good,
      q('l1', 'how do I monitor tiering activity on a server', {
        anchors: ['agent-installation-failures'],
      }),
    ];
    const { out } = run(later, { ...split, later: [{ seed: 'l', tuning: [], test: ['l1'] }] });
    expect(out).toMatch(/test half, first split only: 1 questions, top-1 100\.0%/);
    expect(out).toMatch(/test half, batch l: 1 questions, top-1 0\.0%/);
    expect(out).toMatch(/test half \(never tuned on\): 2 questions, top-1 50\.0%/);
  });

  it('fails when the test half falls under a floor, whatever the tuning half does', () => {
    const wrong = good.map((x) =>
      x.id === 's1' ? { ...x, expect: { anchors: ['agent-installation-failures'] } } : x,
    );
    const { code, out } = run(wrong, split);
    expect(out).toMatch(/FAIL test half: top-1 under 88\.0%.*\(floors\)/);
    expect(code).toBe(1);
  });

  it('scores the shared set as its README says: anchors case-insensitively, any, none', () => {
    const { out } = run(good, split, [
      {
        id: 'x1',
        category: 'question',
        q: 'how do I monitor recall activity on a server',
        expect: { any: [{ anchor: 'nothing-here' }, { anchor: 'MONITOR-RECALL-ACTIVITY' }] },
      },
      { id: 'x2', category: 'offtopic', q: 'banana keyboard purple', expect: { none: true } },
    ]);
    expect(out).toMatch(/shared set, question: 1 questions, top-1 100\.0%/);
    expect(out).toMatch(/shared set, offtopic: .*off-topic probes 1, rejected 100\.0%/);
  });
});

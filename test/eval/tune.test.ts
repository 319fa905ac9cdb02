import {
  decisionGrid,
  foldsOf,
  stableGrid,
  summarise,
  summariseBy,
  type Outcome,
} from '../../src/eval/tune';
import type { EvalQuery } from '../../src/eval/score';

describe('the decision grid', () => {
  it('holds stable answers to the same thresholds in every base setting', () => {
    for (const d of decisionGrid().settings) {
      expect(d.stableRatio).toBe(d.ambiguityRatio);
      expect(d.stableInformation).toBe(d.minInformation);
    }
  });

  it('tries, around a chosen setting, itself first and then only looser thresholds', () => {
    const [base] = decisionGrid().settings.filter(
      (d) => d.ambiguityRatio === 0.85 && d.minInformation === 0.6,
    );
    const around = stableGrid(base).settings;
    expect(around[0]).toEqual(base);
    for (const d of around) {
      expect(d.stableRatio).toBeGreaterThanOrEqual(base.ambiguityRatio);
      expect(d.stableInformation).toBeLessThanOrEqual(base.minInformation);
    }
    expect(around.map((d) => [d.stableRatio, d.stableInformation])).toEqual([
      [0.85, 0.6],
      [0.85, 0],
      [0.9, 0.6],
      [0.9, 0],
      [0.95, 0.6],
      [0.95, 0],
    ]);
  });
});

describe('the folds of cross-validation', () => {
  it('holds out one batch of questions whole at a time, each judged by the others', () => {
    const groups = ['first', 'first', 'added', 'later', 'added', 'first', 'later'];
    const ids = groups.map((_, i) => i);
    const folds = foldsOf(ids, groups);
    expect(folds.map((f) => f.held)).toEqual([
      [0, 1, 5],
      [2, 4],
      [3, 6],
    ]);
    for (const f of folds) {
      expect(f.train.some((i) => f.held.includes(i))).toBe(false);
      expect([...f.train, ...f.held].sort()).toEqual(ids);
    }
  });

  it('splits by position when there is one batch or none', () => {
    const ids = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(foldsOf(ids).map((f) => f.held)).toEqual([
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
    ]);
    expect(
      foldsOf(
        ids,
        ids.map(() => 'first'),
      ),
    ).toEqual(foldsOf(ids));
  });
});

describe('the cross-validated figures per batch', () => {
  const q = (id: string, expect: EvalQuery['expect']): EvalQuery => ({
    id,
    category: 'question-sync',
    q: id,
    expect,
  });
  const outcome = (top1: boolean, confident: boolean): Outcome => ({
    rr: top1 ? 1 : 0,
    top1,
    top3: top1,
    confident,
    turnedAway: false,
  });

  it('count each batch apart, and together give the whole', () => {
    const queries = [
      q('a', { anchors: ['x'] }),
      q('b', { anchors: ['x'] }),
      q('c', { reject: true }),
      q('d', { anchors: ['y'] }),
    ];
    const outs = [
      outcome(true, true),
      outcome(false, true),
      outcome(false, false),
      outcome(true, false),
    ];
    const groups = ['first', 'b5', 'b5', 'first'];
    const ids = [0, 1, 2, 3];
    const by = summariseBy(queries, outs, ids, groups);
    expect([...by.keys()]).toEqual(['first', 'b5']);
    expect(by.get('first')).toMatchObject({ n: 2, top1: 2, confident: 1, confidentRight: 1 });
    expect(by.get('b5')).toMatchObject({ n: 1, top1: 0, confident: 1, probes: 1, rejected: 1 });
    const whole = summarise(queries, outs, ids);
    for (const k of ['n', 'top1', 'top3', 'confident', 'confidentRight', 'probes'] as const)
      expect([...by.values()].reduce((t, s) => t + s[k], 0)).toBe(whole[k]);
  });
});

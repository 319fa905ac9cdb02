import { bestWithMargin, gridOf } from '../../src/eval/margin';
import { decisionGrid, foldsOf, MARGINS, stableGrid } from '../../src/eval/tune';

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

describe('the margins tried', () => {
  it('never offers the edge: every margin keeps a step from the settings that erred', () => {
    // Four thresholds, the loosest two of which err; the edge (no margin) is the last without.
    const grid = gridOf({ ratio: [0.6, 0.65, 0.7, 0.75] });
    const errors = [0, 0, 1, 2].map((wrong) => ({ wrong, answeredProbes: 0 }));
    const value = (d: number, charged: { wrong: number }) => d - 32 * charged.wrong;
    expect(bestWithMargin(grid, errors, value, 0)).toBe(1);
    for (const margin of MARGINS) expect(bestWithMargin(grid, errors, value, margin)).toBe(0);
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

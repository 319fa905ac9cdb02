import { decisionGrid, stableGrid } from '../../src/eval/tune';

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

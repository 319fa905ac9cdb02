import { bestWithMargin, gridOf, pessimistic, type Errors } from '../../src/eval/margin';

describe('a grid of settings with neighbours', () => {
  it('lists every combination, the last axis fastest', () => {
    const g = gridOf({ a: [1, 2], b: ['x', 'y', 'z'] });
    expect(g.settings).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
  });

  it('makes neighbours of the settings one step apart along one axis only', () => {
    const g = gridOf({ a: [1, 2], b: ['x', 'y', 'z'] });
    const near = (i: number) => [...g.neighbours[i]].sort((x, y) => x - y);
    expect(near(0)).toEqual([1, 3]);
    expect(near(1)).toEqual([0, 2, 4]);
    expect(near(5)).toEqual([2, 4]);
  });
});

describe('errors charged with a margin', () => {
  const own: Errors = { wrong: 1, answeredProbes: 0 };

  it('charges a setting its own errors when the margin is zero', () => {
    expect(pessimistic(own, [{ wrong: 5, answeredProbes: 2 }], 0)).toEqual(own);
  });

  it("adds the share asked of the worst neighbour's extra errors", () => {
    const near = [
      { wrong: 3, answeredProbes: 0 },
      { wrong: 0, answeredProbes: 2 },
    ];
    expect(pessimistic(own, near, 0.5)).toEqual({ wrong: 2, answeredProbes: 1 });
  });
});

describe('choosing a threshold with a margin', () => {
  // One threshold, loosest first: looser answers more, and the loosest answers two wrongly.
  const grid = gridOf({ threshold: [0.1, 0.2, 0.3, 0.4] });
  const right = [10, 9, 8, 7];
  const errors: Errors[] = [2, 0, 0, 0].map((wrong) => ({ wrong, answeredProbes: 0 }));
  const value = (d: number, e: Errors) => right[d] - 32 * e.wrong - 1e6 * e.answeredProbes;

  it('takes the loosest setting without a wrong answer when no margin is asked', () => {
    expect(bestWithMargin(grid, errors, value, 0)).toBe(1);
  });

  it('keeps a step away from the setting that answered wrongly', () => {
    expect(bestWithMargin(grid, errors, value, 0.25)).toBe(2);
  });
});

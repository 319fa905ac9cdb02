/**
 * Choosing thresholds with a margin. On the tuning questions the right and wrong confident
 * answers are usually separable, so the best setting there is the loosest one with no wrong
 * answer: right at the edge, where unseen questions fall on the wrong side. A setting is charged
 * for the wrong answers (and answered probes) of its neighbours on the grid as well as its own,
 * so the choice keeps a step away from the settings that erred.
 */

/** A grid of settings with, for each, the settings one step away along one axis. */
export interface Grid<T> {
  settings: T[];
  neighbours: number[][];
}

/** Every combination of the axes' values, each with its neighbours (one axis, one step). */
export function gridOf<T>(axes: { [K in keyof T]: T[K][] }): Grid<T> {
  const keys = Object.keys(axes) as (keyof T)[];
  const sizes = keys.map((k) => axes[k].length);
  const total = sizes.reduce((a, n) => a * n, 1);
  const settings: T[] = [];
  const neighbours: number[][] = [];
  for (let i = 0; i < total; i++) {
    // Mixed radix, last axis fastest: the order the nested loops of a grid search would give.
    const digits: number[] = [];
    let rest = i;
    for (let k = keys.length - 1; k >= 0; k--) {
      digits[k] = rest % sizes[k];
      rest = Math.floor(rest / sizes[k]);
    }
    const s = {} as T;
    keys.forEach((k, j) => (s[k] = axes[k][digits[j]]));
    settings.push(s);
    const near: number[] = [];
    let stride = 1;
    for (let k = keys.length - 1; k >= 0; k--) {
      if (digits[k] > 0) near.push(i - stride);
      if (digits[k] < sizes[k] - 1) near.push(i + stride);
      stride *= sizes[k];
    }
    neighbours.push(near);
  }
  return { settings, neighbours };
}

/** What a setting's decisions cost on some questions. */
export interface Errors {
  /** Confident answers that are wrong. */
  wrong: number;
  /** Off-topic probes answered confidently. */
  answeredProbes: number;
}

/**
 * The errors charged to a setting: its own, plus `weight` times what its worst neighbour adds
 * to them (0: the edge is fine; 1: a setting is as bad as its worst neighbour).
 */
export function pessimistic(own: Errors, near: Errors[], weight: number): Errors {
  if (weight === 0 || near.length === 0) return own;
  const worst = (f: (e: Errors) => number) =>
    f(own) + weight * Math.max(0, ...near.map((n) => f(n) - f(own)));
  return { wrong: worst((e) => e.wrong), answeredProbes: worst((e) => e.answeredProbes) };
}

/**
 * The setting worth most, each charged with `margin` of its worst neighbour's extra errors;
 * ties go to the earlier setting. `value` scores a setting given the errors charged to it.
 */
export function bestWithMargin(
  grid: Grid<unknown>,
  errors: Errors[],
  value: (setting: number, charged: Errors) => number,
  margin: number,
): number {
  let at = 0;
  let v = -Infinity;
  grid.settings.forEach((_, d) => {
    const x = value(
      d,
      pessimistic(
        errors[d],
        grid.neighbours[d].map((n) => errors[n]),
        margin,
      ),
    );
    if (x > v) [v, at] = [x, d];
  });
  return at;
}

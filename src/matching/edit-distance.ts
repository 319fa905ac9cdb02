import { work } from './work';

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up once the
 * distance must exceed `max` (then it returns `max + 1`): the caller only cares about one or two
 * typos. Only the diagonal band |i - j| <= max can hold a distance within `max`, so the work is
 * at most (2·max + 1) cells per character of `a`, never |a|·|b|.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const over = max + 1;
  let prev2 = new Array<number>(n + 2).fill(over);
  let prev = new Array<number>(n + 2).fill(over);
  let cur = new Array<number>(n + 2).fill(over);
  for (let j = 0; j <= Math.min(n, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[lo - 1] = lo === 1 ? (i <= max ? i : over) : over;
    let rowMin = cur[lo - 1];
    work.add(hi - lo + 1);
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = Math.min(v, over);
      if (v < rowMin) rowMin = v;
    }
    // NOTE: the cell right of the band is read by the next row: it must not hold a stale value.
    cur[hi + 1] = over;
    if (rowMin > max) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

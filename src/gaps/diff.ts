/** Lines of context around each change, as `diff -u` and `git diff` show. */
const CONTEXT = 3;
/** Longest inputs diffed (lines): phrasings.json is a few hundred. */
const MAX_LINES = 20_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The edit script from `a` to `b` by longest common subsequence (fine at this file's size). */
function ops(a: string[], b: string[]): Op[] {
  // Common head and tail first: most of the file is unchanged.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () =>
    new Array<number>(y.length + 1).fill(0),
  );
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const mid: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      mid.push({ kind: ' ', line: x[i++] });
      j++;
    } else if (i < x.length && (j >= y.length || lcs[i + 1][j] >= lcs[i][j + 1]))
      mid.push({ kind: '-', line: x[i++] });
    else mid.push({ kind: '+', line: y[j++] });
  }
  return [
    ...a.slice(0, head).map((line): Op => ({ kind: ' ', line })),
    ...mid,
    ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })),
  ];
}

/**
 * A unified diff of two texts (as `git apply` and `patch -p1` read it), or '' when they are
 * equal. Both texts end with a newline.
 */
export function unifiedDiff(before: string, after: string, path: string): string {
  if (before === after) return '';
  const a = before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  if (a.length > MAX_LINES || b.length > MAX_LINES)
    throw new Error(`${path} is too long to diff (over ${MAX_LINES} lines)`);
  const script = ops(a, b);
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let k = 0;
  while (k < script.length) {
    if (script[k].kind === ' ') {
      k++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT after the last change near it.
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    while (end < script.length) {
      let next = end;
      while (next < script.length && script[next].kind !== ' ') next++;
      let gap = next;
      while (gap < script.length && script[gap].kind === ' ') gap++;
      if (gap < script.length && gap - next <= 2 * CONTEXT) end = gap;
      else {
        end = Math.min(script.length, next + CONTEXT);
        break;
      }
    }
    const lineA = script.slice(0, start).filter((o) => o.kind !== '+').length + 1;
    const lineB = script.slice(0, start).filter((o) => o.kind !== '-').length + 1;
    const hunk = script.slice(start, end);
    const lenA = hunk.filter((o) => o.kind !== '+').length;
    const lenB = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${lenA ? lineA : lineA - 1},${lenA} +${lenB ? lineB : lineB - 1},${lenB} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    k = end;
  }
  return out.join('\n') + '\n';
}

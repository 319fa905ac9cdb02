import type { AskResult } from '../matching/ask';

/** One scored query: right at top-1/top-3, or a probe that must not be answered. */
export interface Scored {
  probe: boolean;
  top1: boolean;
  top3: boolean;
  result: AskResult;
}

/** What a user sees of a set of questions and probes, as the issue tracker asks it reported. */
export interface Quality {
  questions: number;
  top1: number;
  top3: number;
  /**
   * Questions whose right entry is on the reply card: the one entry a confident answer shows,
   * or one of the candidates a chooser (did you mean, off-topic) lists.
   */
  onCard: number;
  confident: number;
  confidentRight: number;
  /** In-domain questions shown "off-topic". */
  turnedAway: number;
  probes: number;
  /** Probes not answered confidently. */
  rejected: number;
}

/** Verdicts whose card is a chooser of up to three candidates (the did-you-mean card's `MAX_CANDIDATES`). */
const CHOOSER_VERDICTS = new Set(['did-you-mean', 'off-topic']);

/**
 * True when the card shows the right entry: a chooser lists the top three; an answer to free
 * text shows its first and the next two, among its related entries or under "Other matches"
 * (`MAX_OTHERS`); an answer to codes shows its first.
 */
export function shownOnCard(s: Scored): boolean {
  if (CHOOSER_VERDICTS.has(s.result.verdict)) return s.top3;
  return s.result.verdict === 'answer' && s.result.codes.length === 0 ? s.top3 : s.top1;
}

/** Counts a set of scored queries. */
export function quality(items: Scored[]): Quality {
  const q: Quality = {
    questions: 0,
    top1: 0,
    top3: 0,
    onCard: 0,
    confident: 0,
    confidentRight: 0,
    turnedAway: 0,
    probes: 0,
    rejected: 0,
  };
  for (const s of items) {
    if (s.probe) {
      q.probes++;
      if (!s.result.confident) q.rejected++;
      continue;
    }
    q.questions++;
    if (s.top1) q.top1++;
    if (s.top3) q.top3++;
    if (shownOnCard(s)) q.onCard++;
    if (s.result.confident) {
      q.confident++;
      if (s.top1) q.confidentRight++;
    }
    if (s.result.verdict === 'off-topic') q.turnedAway++;
  }
  return q;
}

/** Goals on questions not used for tuning. */
export const QUALITY_TARGETS = {
  top1: 0.9,
  top3: 0.97,
  precision: 0.97,
  /** Turned away: strictly under this share. */
  turnedAway: 0.01,
  rejected: 0.95,
};

/** Floors on questions not used for tuning: the evaluation fails below what has been reached. */
export const QUALITY_FLOORS: typeof QUALITY_TARGETS = {
  top1: 0.88,
  top3: 0.94,
  precision: 0.93,
  turnedAway: 0.01,
  rejected: 0.95,
};

const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : '-');

/** Rates of a Quality, for reports and targets. */
export function rates(q: Quality) {
  return {
    top1: q.questions ? q.top1 / q.questions : 1,
    top3: q.questions ? q.top3 / q.questions : 1,
    precision: q.confident ? q.confidentRight / q.confident : 1,
    turnedAway: q.questions ? q.turnedAway / q.questions : 0,
    rejected: q.probes ? q.rejected / q.probes : 1,
  };
}

/** The targets (goals by default, or floors) a Quality misses; empty when all are met. */
export function missedTargets(q: Quality, t: typeof QUALITY_TARGETS = QUALITY_TARGETS): string[] {
  const r = rates(q);
  const out: string[] = [];
  if (r.top1 < t.top1) out.push(`top-1 under ${pct(t.top1, 1)}`);
  if (r.top3 < t.top3) out.push(`top-3 under ${pct(t.top3, 1)}`);
  if (r.precision < t.precision)
    out.push(`precision of confident answers under ${pct(t.precision, 1)}`);
  if (r.turnedAway >= t.turnedAway) out.push(`${pct(t.turnedAway, 1)} or more turned away`);
  if (r.rejected < t.rejected) out.push(`off-topic rejection under ${pct(t.rejected, 1)}`);
  return out;
}

/** Normal quantile of a two-sided 95% interval. */
const Z95 = 1.96;

/**
 * The Wilson score interval of `k` right of `n`, at 95%: the shares a set of `n` questions
 * cannot tell apart from the one measured. On 181 questions a top-1 of 81.8% reads 75.5-86.7%, so
 * two rankings a question or two apart are the same ranking to this evaluation.
 */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const span = (k: number, n: number) => {
  if (!n) return '-';
  const [lo, hi] = wilson(k, n);
  return `${(100 * lo).toFixed(1)}-${(100 * hi).toFixed(1)}%`;
};

/**
 * The 95% intervals of a Quality's top-1, top-3 and precision of confident answers, and the goals
 * above the whole interval: those no chance of this sample could have hidden.
 */
export function intervalLine(
  name: string,
  q: Quality,
  t: typeof QUALITY_TARGETS = QUALITY_TARGETS,
): string {
  const above = (
    [
      ['top-1', q.top1, q.questions, t.top1],
      ['top-3', q.top3, q.questions, t.top3],
      ['precision', q.confidentRight, q.confident, t.precision],
    ] as const
  )
    .filter(([, k, n, goal]) => n > 0 && wilson(k, n)[1] < goal)
    .map(([label]) => label);
  return (
    `${name}, 95% intervals: top-1 ${span(q.top1, q.questions)}, top-3 ${span(q.top3, q.questions)}, ` +
    `precision of confident answers ${span(q.confidentRight, q.confident)}; ` +
    `goals above the interval: ${above.length ? above.join(', ') : 'none'}`
  );
}

/**
 * One line: top-1, top-3, the right entry on the reply card, precision of confident answers,
 * turned away, off-topic rejection.
 */
export function qualityLine(name: string, q: Quality): string {
  return (
    `${name}: ${q.questions} questions, top-1 ${pct(q.top1, q.questions)}, top-3 ${pct(q.top3, q.questions)}, ` +
    `on the card ${pct(q.onCard, q.questions)}, ` +
    `confident ${q.confident} of which right ${pct(q.confidentRight, q.confident)}, ` +
    `turned away ${pct(q.turnedAway, q.questions)} (${q.turnedAway}); ` +
    `off-topic probes ${q.probes}, rejected ${pct(q.rejected, q.probes)}`
  );
}

import { terms } from '../matching/text';
import type { KeyedGap, Verdict } from './record';
import { PLACEHOLDER } from './scrub';

/** Share of words two questions must have in common (Jaccard) to be one cluster. */
export const SIMILARITY = 0.5;
/** Questions listed per cluster. */
const SAMPLE = 5;

/** An entry and how often it counted. */
export interface Counted {
  entryId: string;
  n: number;
}

/** Similar questions taken together, with what they were shown and what people chose. */
export interface Cluster {
  /** Stable while its leading question stays: `c` + the first 8 digits of that question's id. */
  id: string;
  /** Times its questions were recorded. */
  count: number;
  /** Its questions, most frequent first (the first is the leader). */
  questions: { id: string; q: string; count: number }[];
  /** Number of distinct questions. */
  size: number;
  verdicts: Partial<Record<Verdict, number>>;
  shown: Counted[];
  chosen: Counted[];
  notHelpful: Counted[];
  firstSeen: string;
  lastSeen: string;
  /** Ids of every question in it. */
  memberIds: string[];
}

/** The words of a question that say what it is about (placeholders and stop words dropped). */
function wordsOf(q: string): Set<string> {
  return new Set(terms(q.replace(PLACEHOLDER, ' '), false));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both);
}

const sorted = (m: Map<string, number>): Counted[] =>
  [...m]
    .map(([entryId, n]) => ({ entryId, n }))
    .sort((a, b) => b.n - a.n || (a.entryId < b.entryId ? -1 : 1));

/**
 * Groups records into clusters of similar questions: each record, most frequent first, joins
 * the first cluster whose leading question shares enough words with it, else leads a new one.
 * Deterministic for the same records. Clusters come most frequent first.
 */
export function clusterGaps(records: KeyedGap[]): Cluster[] {
  const ordered = [...records].sort(
    (a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const groups: { lead: Set<string>; members: KeyedGap[] }[] = [];
  for (const r of ordered) {
    const w = wordsOf(r.q);
    const home = groups.find((g) => jaccard(g.lead, w) >= SIMILARITY);
    if (home) home.members.push(r);
    else groups.push({ lead: w, members: [r] });
  }
  return groups
    .map(({ members }) => {
      const verdicts: Partial<Record<Verdict, number>> = {};
      const shown = new Map<string, number>();
      const chosen = new Map<string, number>();
      const notHelpful = new Map<string, number>();
      for (const m of members) {
        verdicts[m.verdict] = (verdicts[m.verdict] ?? 0) + m.count;
        for (const id of m.shown) shown.set(id, (shown.get(id) ?? 0) + m.count);
        for (const [id, n] of Object.entries(m.chosen)) chosen.set(id, (chosen.get(id) ?? 0) + n);
        for (const [id, n] of Object.entries(m.notHelpful))
          notHelpful.set(id, (notHelpful.get(id) ?? 0) + n);
      }
      return {
        id: `c${members[0].key.slice(0, 8)}`,
        count: members.reduce((a, m) => a + m.count, 0),
        questions: members.slice(0, SAMPLE).map((m) => ({ id: m.key, q: m.q, count: m.count })),
        size: members.length,
        verdicts,
        shown: sorted(shown),
        chosen: sorted(chosen),
        notHelpful: sorted(notHelpful),
        firstSeen: members.map((m) => m.firstSeen).sort()[0],
        lastSeen: members
          .map((m) => m.lastSeen)
          .sort()
          .at(-1) as string,
        memberIds: members.map((m) => m.key),
      };
    })
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
}

import type { Entry } from '../knowledge/schema';
import type { Cluster } from './cluster';
import { PLACEHOLDER } from './scrub';

/** What knowledge/phrasings.json accepts (src/cli/knowledge-command.ts checks the same). */
export const MAX_PHRASING_CHARS = 300;
export const MAX_PHRASINGS_PER_KEY = 40;
/** A phrasing needs a few words to say anything. */
const MIN_WORDS = 3;

/** A cluster and the entry that answers it: assigned by a maintainer, or chosen by people (did you mean, other matches). */
export interface Assignment {
  clusterId: string;
  entryId: string;
  source: 'assigned' | 'chosen';
}

/** One phrasing added, and why. */
export interface AddedPhrasing {
  key: string;
  entryId: string;
  phrasing: string;
  clusterId: string;
  source: Assignment['source'];
}

/**
 * The entry each cluster should answer: the maintainer's assignment where there is one, else
 * the entry people chose most in "did you mean" (a suggestion, when no other entry tied with it).
 */
export function assignmentsFor(clusters: Cluster[], assigned: Map<string, string>): Assignment[] {
  const out: Assignment[] = [];
  for (const c of clusters) {
    const given = assigned.get(c.id);
    if (given) out.push({ clusterId: c.id, entryId: given, source: 'assigned' });
    else if (c.chosen[0] && c.chosen[0].n > (c.chosen[1]?.n ?? 0))
      out.push({ clusterId: c.id, entryId: c.chosen[0].entryId, source: 'chosen' });
  }
  return out;
}

/**
 * A scrubbed question as a phrasing: placeholders become the plain word ("[server]" → "server"),
 * spacing is collapsed. Null for what makes a poor phrasing: pastes (several lines), very short
 * or very long text.
 */
export function phrasingOf(q: string): string | null {
  if (/\n/.test(q.trim())) return null;
  const text = q
    .replace(PLACEHOLDER, (_m, what: string) => (what === 'resource-id' ? 'resource id' : what))
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_PHRASING_CHARS || text.split(' ').length < MIN_WORDS) return null;
  return text;
}

/**
 * The phrasings file with each assigned cluster's questions added under its entry's key.
 * Nothing is removed; duplicates (ignoring case) and phrasings past the per-key limit are skipped.
 * `keyOf` gives an entry's key in the file (`phrasingKey`); entries without one are reported.
 */
export function withSuggestions(
  current: Record<string, string[]>,
  clusters: Cluster[],
  questions: Map<string, string>,
  assignments: Assignment[],
  entry: (id: string) => Entry | undefined,
  keyOf: (e: Entry) => string | null,
): { next: Record<string, string[]>; added: AddedPhrasing[]; problems: string[] } {
  const next: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(current)) next[k] = [...v];
  const added: AddedPhrasing[] = [];
  const problems: string[] = [];
  const byId = new Map(clusters.map((c) => [c.id, c]));
  for (const a of assignments) {
    const cluster = byId.get(a.clusterId);
    const e = entry(a.entryId);
    if (!cluster) {
      problems.push(`no cluster ${a.clusterId}`);
      continue;
    }
    const key = e ? keyOf(e) : null;
    if (!e || !key) {
      problems.push(`${a.clusterId}: no entry ${a.entryId} with a phrasings key`);
      continue;
    }
    const list = next[key] ?? [];
    const have = new Set(list.map((p) => p.toLowerCase()));
    for (const id of cluster.memberIds) {
      const p = phrasingOf(questions.get(id) ?? '');
      if (!p || have.has(p.toLowerCase())) continue;
      if (list.length >= MAX_PHRASINGS_PER_KEY) {
        problems.push(`${key} already has ${MAX_PHRASINGS_PER_KEY} phrasings: "${p}" left out`);
        continue;
      }
      list.push(p);
      have.add(p.toLowerCase());
      added.push({ key, entryId: e.id, phrasing: p, clusterId: a.clusterId, source: a.source });
    }
    if (list.length) next[key] = list;
  }
  return { next, added, problems };
}

/** The phrasings file as the project keeps it: two-space JSON and a final newline. */
export function serializePhrasings(p: Record<string, string[]>): string {
  return JSON.stringify(p, null, 2) + '\n';
}

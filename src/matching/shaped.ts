/** Queries shaped for the index: known terms and typo corrections, and how much of a query an entry speaks of. */
import { analyze } from './text';

/** Query terms kept per search: a 28 KB paste costs what a short question costs. */
export const MAX_QUERY_TERMS = 16;
/** A term found in more than this share of entries says little about which one is meant. */
const COMMON_SHARE = 0.4;
/** Distinct words past which a message counts as a paste rather than a question. */
const LONG_QUERY_WORDS = 40;
const MAX_FUZZY_WORDS = 12;
/** Distinct words of a message weighed for coverage and kept as candidates. */
const MAX_QUERY_WORDS = 400;
/** A number with dots, as the analyzer keeps it whole: a version, an address, a decimal. */
const VERSION = /^v?\d+(?:\.\d+)+$/;

/** A query shaped for the index, with what each of its words maps to. */
export interface Shaped {
  terms: string[];
  coverage: number;
  words: number;
  /** Per content word: its IDF weight (with credit), full weight, and the index terms it maps to. */
  parts: { weight: number; outOf: number; terms: string[] }[];
}

/** What shaping a query reads of the index's vocabulary. */
export interface Vocabulary {
  /** Document frequency of each term. */
  df: ReadonlyMap<string, number>;
  /** Entries in the index. */
  n: number;
  idf: (term: string) => number;
  /** The vocabulary term a word is a typo of, if any. */
  correct: (word: string) => string | null;
}

/** Shapes a query: known terms (and typo corrections), rarest first, at most MAX_QUERY_TERMS. */
export function shapeQuery(text: string, vocabulary: Vocabulary): Shaped {
  const { df, n, idf, correct } = vocabulary;
  const unique = new Map<string, readonly string[]>();
  for (const a of analyze(text)) if (!unique.has(a.term)) unique.set(a.term, a.expansions);
  const parts: Shaped['parts'] = [];
  let known = 0;
  let total = 0;
  let fuzzyBudget = MAX_FUZZY_WORDS;
  const kept = new Set<string>();
  const maxIdf = idf('\u0000');
  let seen = 0;
  for (const [w, expansions] of unique) {
    if (++seen > MAX_QUERY_WORDS) break;
    let t: string | null = df.has(w) ? w : null;
    // A version or a decimal the knowledge never names (4.8, 18.1.0.0, 45.5) says nothing of
    // the question's topic: it is neither searched, corrected, nor counted against coverage.
    if (!t && VERSION.test(w)) continue;
    let credit = 1;
    if (!t && fuzzyBudget > 0 && w.length >= 6) {
      fuzzyBudget--;
      t = correct(w);
      // A corrected word may be a typo of ours or an ordinary word of another topic: half credit.
      credit = 0.5;
    }
    const weight = t ? idf(t) : maxIdf;
    total += weight;
    if (t) known += weight * credit;
    const mapped = expansions.filter((x) => df.has(x));
    if (t) mapped.push(t);
    for (const m of mapped) kept.add(m);
    parts.push({ weight: weight * credit, outOf: weight, terms: mapped });
  }
  const ranked = [...kept].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : 1));
  // In a long paste, terms found in most entries rank almost nothing and cost the most.
  const rare = ranked.filter((t) => (df.get(t) ?? 0) <= n * COMMON_SHARE);
  const long = unique.size > LONG_QUERY_WORDS && rare.length >= 4;
  return {
    terms: (long ? rare : ranked).slice(0, MAX_QUERY_TERMS),
    coverage: total > 0 ? known / total : 0,
    words: unique.size,
    parts,
  };
}

/**
 * How much of the query (IDF-weighted) one entry's matched terms account for; `exact` counts
 * only words the knowledge has as written (no typo corrections).
 */
export function coverageOf(shaped: Shaped, matched: string[] | undefined, exact = false): number {
  if (!matched) return shaped.coverage;
  const have = new Set(matched);
  let got = 0;
  let all = 0;
  for (const p of shaped.parts) {
    all += p.outOf;
    if ((!exact || p.weight >= p.outOf) && p.terms.some((t) => have.has(t))) got += p.weight;
  }
  return all > 0 ? got / all : 0;
}

/** IDF of the query words one entry matched, in units of the rarest word's. */
export function informationOf(
  shaped: Shaped,
  matched: string[] | undefined,
  /** The IDF of the rarest possible word. */
  unit: number,
): number {
  if (!matched) return 0;
  const have = new Set(matched);
  let got = 0;
  for (const p of shaped.parts) if (p.terms.some((t) => have.has(t))) got += p.weight;
  return got / unit;
}

/**
 * The query's words as groups of its searched terms (a word's stem and its synonyms'), for
 * scoring each word once (`TermScores.searchWords`); words none of whose terms are searched
 * are left out. `parts` defaults to all of the query's words.
 */
export function wordGroups(shaped: Shaped, parts: Shaped['parts'] = shaped.parts): string[][] {
  const searched = new Set(shaped.terms);
  const groups: string[][] = [];
  for (const p of parts) {
    const g = p.terms.filter((t) => searched.has(t));
    if (g.length) groups.push(g);
  }
  return groups;
}

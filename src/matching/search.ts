import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Entry } from '../knowledge/schema';
import { FIELD_BOOST, searchDocOf, type SearchDoc } from './documents';
import { editDistance } from './edit-distance';
import { contentWords, terms } from './text';

/** One free-text candidate. `score` is the ranker's own, comparable only within one query. */
export interface TextHit {
  entry: Entry;
  score: number;
  /** The ranker's score before reranking. */
  raw?: number;
  /** Query terms the entry contains (BM25 only). */
  matched?: string[];
}

/** The result of one free-text search, with how much of the query the knowledge understood. */
export interface TextSearch {
  hits: TextHit[];
  /** Share of the query's meaning (IDF-weighted) that the knowledge has words for, 0-1. */
  coverage: number;
  /** Share of the query's meaning that the best entry itself speaks of, 0-1. */
  topCoverage: number;
  /** Content words of the query (after stop words). */
  words: number;
}

/** A query shaped for the index, with what each of its words maps to. */
interface Shaped {
  terms: string[];
  coverage: number;
  words: number;
  /** Per content word: its IDF weight (with credit), full weight, and the index terms it maps to. */
  parts: { weight: number; outOf: number; terms: string[] }[];
}

/** The ranker behind free text: `bm25` (MiniSearch) or `fuse` (fuse.js). */
export type RankerName = 'bm25' | 'fuse';

/** Query terms kept per search: a 28 KB paste costs what a short question costs. */
export const MAX_QUERY_TERMS = 24;
const MAX_FUZZY_WORDS = 24;
/** Candidates reranked by title overlap, and the weight of that overlap against BM25. */
const RERANK_DEPTH = 30;
export const TITLE_WEIGHT = 0.5;

/** Free-text search over the knowledge entries. */
export class TextIndex {
  private readonly mini: MiniSearch<SearchDoc>;
  private readonly fuse: Fuse<SearchDoc>;
  private readonly byId = new Map<string, Entry>();
  /** Document frequency of each term. */
  private readonly df = new Map<string, number>();
  private readonly vocabByLength = new Map<number, string[]>();
  private readonly n: number;
  /** Distinct terms of each entry's title, for the title-overlap rerank. */
  private readonly titleTerms = new Map<string, string[]>();

  constructor(entries: Entry[]) {
    const docs = entries.map(searchDocOf);
    for (const e of entries) {
      this.byId.set(e.id, e);
      this.titleTerms.set(e.id, [...new Set(terms(e.title))]);
    }
    this.n = docs.length;
    for (const d of docs) {
      const seen = new Set(terms([d.title, d.names, d.keywords, d.cause, d.body].join('\n')));
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    for (const t of this.df.keys()) {
      const list = this.vocabByLength.get(t.length) ?? [];
      list.push(t);
      this.vocabByLength.set(t.length, list);
    }
    this.mini = new MiniSearch<SearchDoc>({
      fields: ['title', 'names', 'keywords', 'cause', 'body'],
      idField: 'id',
      tokenize: (text) => terms(text),
      processTerm: (t) => t,
      // NOTE: queries arrive already shaped into index terms; re-tokenizing would stem them twice.
      searchOptions: {
        boost: { ...FIELD_BOOST },
        combineWith: 'OR',
        tokenize: (q) => q.split(' '),
        // Prefixes join forms the stemmer leaves apart (register/registration).
        prefix: (term) => term.length >= 5,
      },
    });
    this.mini.addAll(docs);
    this.fuse = new Fuse(docs, {
      keys: Object.entries(FIELD_BOOST).map(([name, weight]) => ({ name, weight })),
      includeScore: true,
      ignoreLocation: true,
      useExtendedSearch: true,
      threshold: 0.35,
    });
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
  }

  /** The vocabulary term one or two edits away, if exactly one is nearest. */
  private correct(term: string): string | null {
    if (term.length < 6) return null;
    const max = term.length >= 9 ? 2 : 1;
    let best: string | null = null;
    let bestD = max + 1;
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const v of this.vocabByLength.get(len) ?? []) {
        const d = editDistance(term, v, max);
        if (
          d < bestD ||
          (d === bestD && best !== null && (this.df.get(v) ?? 0) > (this.df.get(best) ?? 0))
        ) {
          bestD = d;
          best = v;
        }
      }
    }
    return bestD <= max ? best : null;
  }

  /** Shapes a query: known terms (and typo corrections), rarest first, at most MAX_QUERY_TERMS. */
  shape(text: string): Shaped {
    const words = contentWords(text);
    const parts: Shaped['parts'] = [];
    let known = 0;
    let total = 0;
    let fuzzyBudget = MAX_FUZZY_WORDS;
    const kept = new Set<string>();
    const maxIdf = this.idf('\u0000');
    for (const w of words.slice(0, 400)) {
      let t: string | null = this.df.has(w) ? w : null;
      let credit = 1;
      if (!t && fuzzyBudget > 0 && w.length >= 6) {
        fuzzyBudget--;
        t = this.correct(w);
        // A corrected word may be a typo of ours or an ordinary word of another topic: half credit.
        credit = 0.5;
      }
      const weight = t ? this.idf(t) : maxIdf;
      total += weight;
      if (t) {
        known += weight * credit;
        kept.add(t);
      }
      const mapped = terms(w).filter((x) => this.df.has(x));
      if (t && !mapped.includes(t)) mapped.push(t);
      parts.push({ weight: weight * credit, outOf: weight, terms: mapped });
    }
    for (const t of terms(text).slice(0, 2000)) if (this.df.has(t)) kept.add(t);
    const ranked = [...kept].sort(
      (a, b) => (this.df.get(a) ?? 0) - (this.df.get(b) ?? 0) || (a < b ? -1 : 1),
    );
    return {
      terms: ranked.slice(0, MAX_QUERY_TERMS),
      coverage: total > 0 ? known / total : 0,
      words: words.length,
      parts,
    };
  }

  /** How much of the query (IDF-weighted) one entry's matched terms account for. */
  private coverageOf(shaped: Shaped, matched: string[] | undefined): number {
    if (!matched) return shaped.coverage;
    const have = new Set(matched);
    let got = 0;
    let all = 0;
    for (const p of shaped.parts) {
      all += p.outOf;
      if (p.terms.some((t) => have.has(t))) got += p.weight;
    }
    return all > 0 ? got / all : 0;
  }

  /** Searches with the chosen ranker; returns at most `limit` hits, best first. */
  search(text: string, limit = 10, ranker: RankerName = 'bm25'): TextSearch {
    const shaped = this.shape(text);
    if (shaped.terms.length === 0)
      return { hits: [], coverage: shaped.coverage, topCoverage: 0, words: shaped.words };
    const hits: TextHit[] =
      ranker === 'fuse'
        ? this.fuse
            .search(
              {
                $or: shaped.terms.map((t) => ({
                  $or: Object.keys(FIELD_BOOST).map((k) => ({ [k]: t })),
                })),
              },
              { limit },
            )
            .map((r) => ({ entry: this.byId.get(r.item.id)!, score: 1 - (r.score ?? 1) }))
        : this.rerank(
            this.mini.search(shaped.terms.join(' ')).slice(0, RERANK_DEPTH),
            new Set(shaped.terms),
          ).slice(0, limit);
    const topCoverage = hits[0] ? this.coverageOf(shaped, hits[0].matched) : 0;
    return { hits, coverage: shaped.coverage, topCoverage, words: shaped.words };
  }

  /**
   * BM25 favours long sections that repeat a word; a person's question usually restates a
   * section's title. Blend in how much of each candidate's title (IDF-weighted) the query holds.
   */
  private rerank(
    results: { id: unknown; score: number; queryTerms: string[] }[],
    query: Set<string>,
  ): TextHit[] {
    const top = results[0]?.score ?? 0;
    if (top <= 0) return [];
    return results
      .map((r) => {
        const title = this.titleTerms.get(r.id as string) ?? [];
        let have = 0;
        let all = 0;
        for (const t of title) {
          const w = this.idf(t);
          all += w;
          if (query.has(t)) have += w;
        }
        const overlap = all > 0 ? have / all : 0;
        return {
          entry: this.byId.get(r.id as string)!,
          score: r.score,
          matched: r.queryTerms,
          blended: r.score / top + TITLE_WEIGHT * overlap,
        };
      })
      .sort((a, b) => b.blended - a.blended || (a.entry.id < b.entry.id ? -1 : 1))
      .map(({ entry, score, blended, matched }) => ({
        entry,
        score: (blended * top) / (1 + TITLE_WEIGHT),
        raw: score,
        matched,
      }));
  }
}

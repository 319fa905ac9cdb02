import type Fuse from 'fuse.js';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Entry } from '../knowledge/schema';
import type { TextHit, TextSearch } from './search-results';
import { FIELD_BOOST, searchDocOf, type SearchDoc } from './documents';
import { intentOf } from './intent';
import { rerank, type RerankSource } from './rerank';
import { RANK_WEIGHTS, type RankWeights } from './weights';
import type { TypoIndexData } from './typo-index';
import { TermScores } from './term-scores';
import { EntryModel, type EntryModelData } from './entry-model';
import { preferNamedProduct } from './product-named';
import { TypoCorrection } from './typo-correction';
import {
  coverageOf,
  informationOf,
  shapeQuery,
  wordGroups,
  type Shaped,
  type Vocabulary,
} from './shaped';
import { terms } from './text';

export { MAX_QUERY_TERMS, type Shaped } from './shaped';

export type { TextHit, TextSearch } from './search-results';

/** The ranker behind free text: `bm25` (MiniSearch) or `fuse` (fuse.js). */
export type RankerName = 'bm25' | 'fuse';

/** Candidates reranked by title overlap, and the weight of that overlap against BM25. */
export const RERANK_DEPTH = 30;
/**
 * A built TextIndex as data (`snapshot()`), saved beside the knowledge index at build time:
 * loading it takes a tenth of the time indexing does. `titles` are the title terms of every
 * entry as the analyzer made them, so a snapshot from another analyzer is noticed and ignored.
 */
export interface TextIndexSnapshot {
  mini: AsPlainObject;
  df: [string, number][];
  titles: string[][];
  /** The typo index over the vocabulary, so the server need not build it (older snapshots lack it). */
  typos?: TypoIndexData;
  /** The entry model, so the server need not train it (older snapshots lack it). */
  model?: EntryModelData;
  /** Terms only the phrasings have (`TextIndex.phrasingOnly`); a snapshot without it is rebuilt. */
  phrasingOnly?: string[];
}

/** Free-text search over the knowledge entries. */
export class TextIndex {
  private readonly mini: MiniSearch<SearchDoc>;
  private fuseIndex: Fuse<SearchDoc> | null = null;
  /** Search documents: built when indexing, and for fuse.js (not needed with a snapshot). */
  private docs: SearchDoc[] | null = null;
  private readonly entries: Entry[];
  private readonly byId = new Map<string, Entry>();
  private readonly idfs = new Map<string, number>();
  /** Document frequency of each term. */
  private readonly df = new Map<string, number>();
  /** Typo correction over the vocabulary (the snapshot's typo index, or one built on first use). */
  private readonly typos: TypoCorrection;
  private readonly n: number;
  /** BM25 from per-term scores remembered once asked. */
  private readonly bm25: TermScores;
  /** Distinct terms of each entry's title, for the title-overlap rerank. */
  private readonly titleTerms = new Map<string, string[]>();
  /** What query shaping reads of this index (made on first use). */
  private vocabulary: Vocabulary | undefined;
  /** Which entry a text means by the words that tell entries apart (the snapshot's, or trained). */
  private readonly model: EntryModel;
  private source: RerankSource | undefined;
  /**
   * Terms that only the phrasings have, none of the articles' own text (titles, error names,
   * causes, steps): the words people use around their question ("tomorrow", "manager"). They
   * rank, but they do not make a message one the knowledge speaks of (`topExactCoverage`).
   */
  private readonly phrasingOnly = new Set<string>();

  /** True when the index came from the snapshot (made of these entries by this analyzer). */
  readonly fromSnapshot: boolean = false;

  /** Indexes the entries, or starts from a snapshot of the same entries and analyzer. */
  constructor(entries: Entry[], snapshot?: TextIndexSnapshot) {
    this.entries = entries;
    for (const e of entries) {
      this.byId.set(e.id, e);
      this.titleTerms.set(e.id, [...new Set(terms(e.title, false))]);
    }
    this.n = entries.length;
    const options: Options<SearchDoc> = {
      fields: ['title', 'names', 'keywords', 'cause', 'body'],
      idField: 'id',
      // Entries are indexed as written; the question's words bring their synonyms (`thesaurus.ts`).
      tokenize: (text) => terms(text, false),
      processTerm: (t) => t,
      // NOTE: queries arrive already shaped into index terms; re-tokenizing would stem them twice.
      searchOptions: {
        boost: { ...FIELD_BOOST },
        combineWith: 'OR',
        tokenize: (q) => q.split(' '),
        // Prefixes join forms the stemmer leaves apart (register/registration).
        prefix: (term) => term.length >= 5,
      },
    };
    if (snapshot?.phrasingOnly && this.fits(snapshot, entries)) {
      for (const [t, n] of snapshot.df) this.df.set(t, n);
      for (const t of snapshot.phrasingOnly) this.phrasingOnly.add(t);
      this.mini = MiniSearch.loadJS(snapshot.mini, options);
      this.typos = new TypoCorrection(this.df, snapshot.typos);
      this.bm25 = new TermScores(this.mini);
      const model = snapshot.model && EntryModel.from(snapshot.model);
      this.model = model?.fits(entries) ? model : EntryModel.of(entries);
      this.fromSnapshot = true;
      return;
    }
    const docs = (this.docs = entries.map(searchDocOf));
    const articles = new Set<string>();
    for (const d of docs) {
      const own = terms([d.title, d.names, d.cause, d.body].join('\n'), false);
      for (const t of own) articles.add(t);
      const seen = new Set([...own, ...terms(d.keywords, false)]);
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    for (const t of this.df.keys()) if (!articles.has(t)) this.phrasingOnly.add(t);
    this.mini = new MiniSearch<SearchDoc>(options);
    this.mini.addAll(docs);
    this.typos = new TypoCorrection(this.df);
    this.bm25 = new TermScores(this.mini);
    this.model = EntryModel.of(entries);
  }

  /** Whether a snapshot was made of these entries by this analyzer (their title terms agree). */
  private fits(snapshot: TextIndexSnapshot, entries: Entry[]): boolean {
    return (
      snapshot.titles.length === entries.length &&
      entries.every(
        (e, i) => JSON.stringify(this.titleTerms.get(e.id)) === JSON.stringify(snapshot.titles[i]),
      )
    );
  }

  /** The index as data, for `new TextIndex(entries, snapshot)`. */
  snapshot(): TextIndexSnapshot {
    return {
      mini: this.mini.toJSON(),
      df: [...this.df],
      titles: [...this.titleTerms.values()],
      typos: this.typos.typos().data(),
      model: this.model.data(),
      phrasingOnly: [...this.phrasingOnly],
    };
  }

  /** The fuse.js index, built the first time the fuse ranker is asked for. */
  private get fuse(): Fuse<SearchDoc> {
    // Loaded on first use: the server ranks with BM25 and never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load
    const FuseSearch = require('fuse.js') as typeof Fuse;
    this.docs ??= this.entries.map(searchDocOf);
    this.fuseIndex ??= new FuseSearch(this.docs, {
      keys: Object.entries(FIELD_BOOST).map(([name, weight]) => ({ name, weight })),
      includeScore: true,
      ignoreLocation: true,
      useExtendedSearch: true,
      threshold: 0.35,
    });
    return this.fuseIndex;
  }

  private idf(term: string): number {
    let v = this.idfs.get(term);
    if (v === undefined) {
      const df = this.df.get(term) ?? 0;
      v = Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
      if (this.df.has(term)) this.idfs.set(term, v);
    }
    return v;
  }

  /** Shapes a query: known terms (and typo corrections), rarest first, at most MAX_QUERY_TERMS. */
  shape(text: string): Shaped {
    this.vocabulary ??= {
      df: this.df,
      n: this.n,
      idf: (t) => this.idf(t),
      correct: (w) => this.typos.correct(w),
    };
    return shapeQuery(text, this.vocabulary);
  }

  /** Searches with the chosen ranker; returns at most `limit` hits, best first. */
  search(
    text: string,
    limit = 10,
    ranker: RankerName = 'bm25',
    weights: RankWeights = RANK_WEIGHTS,
  ): TextSearch {
    const shaped = this.shape(text);
    if (shaped.terms.length === 0)
      return {
        hits: [],
        coverage: shaped.coverage,
        topCoverage: 0,
        words: shaped.words,
        information: 0,
        agreed: false,
        topExactCoverage: 0,
      };
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
        : preferNamedProduct(
            rerank(
              this.rerankSource,
              this.bm25.searchWords(wordGroups(shaped), weights).slice(0, RERANK_DEPTH),
              new Set(shaped.terms),
              weights,
              shaped,
              weights.intent ? intentOf(text) : null,
            ),
            text,
          ).slice(0, limit);
    const topCoverage = hits[0] ? coverageOf(shaped, hits[0].matched) : 0;
    return {
      hits,
      coverage: shaped.coverage,
      topCoverage,
      words: shaped.words,
      information: hits[0] ? informationOf(shaped, hits[0].matched, this.idf('\u0000')) : 0,
      agreed: !!hits[0] && hits.every((h) => (h.raw ?? 0) <= (hits[0].raw ?? 0)),
      topExactCoverage: hits[0]
        ? coverageOf(
            shaped,
            hits[0].matched?.filter((t) => !this.phrasingOnly.has(t)),
            true,
          )
        : 0,
    };
  }

  /** Each entry's BM25 score for one term alone (the parts `search` sums: see `stability.ts`). */
  scoresOf(term: string, weights: RankWeights): ReadonlyMap<string, number> {
    return this.bm25.of(term, weights);
  }

  /** What reranking (`rerank.ts`) reads of this index: made on first use, once the model is there. */
  get rerankSource(): RerankSource {
    return (this.source ??= {
      titleTerms: (id) => this.titleTerms.get(id) ?? [],
      idf: (t) => this.idf(t),
      entry: (id) => this.byId.get(id)!,
      model: this.model,
    });
  }
}

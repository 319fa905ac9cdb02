import { decodeHresult } from '../knowledge/hresult';
import type { Entry, KnowledgeIndex } from '../knowledge/schema';
import { AppError } from '../errors';
import { codesOf, matchOf, verdictOf, type Answer, type AskResult } from './answer';
import { CodeBook, type CodeHit } from './code-book';
import { decideFreeText } from './decide';
import { readEvents, perItemContext } from './events';
import { extractCodes } from './extract-codes';
import { sanitize } from './text';
import { TextIndex, type RankerName, type TextHit, type TextSearch } from './search';
import { AudienceGate, supersedersFirst, type AudienceSetting } from './audience';
import { ExactMessages } from './exact-message';
import { situationOf } from './safety';
import { SafetyLead } from './safety-lead';
import { survivesEachWordDropped } from './stability';
import type { SearchSnapshot } from './search-snapshot';
import { WEIGHTS, type Weights } from './weights';

// The result contract lives in `answer.ts`; its users import it from here too.
export { verdictOf, type Answer, type AskResult, type Verdict } from './answer';

/** How a matcher is set up: ranker, weights, and whom it answers. */
export interface MatcherOptions {
  ranker?: RankerName;
  weights?: Weights;
  audience?: AudienceSetting;
  /** The search data prebuilt with the knowledge (`readSearchSnapshot`), to skip indexing. */
  snapshot?: SearchSnapshot;
}

/** Largest message the matcher accepts (Teams itself caps messages near 28 KB). */
export const MAX_INPUT_BYTES = 1024 * 1024;
/**
 * Free text read from a long paste: its head (where people write their question) and its tail
 * (where they add one after pasting). Codes are read from the whole message.
 */
const TEXT_HEAD = 3 * 1024;
const TEXT_TAIL = 1024;
const MAX_MATCHES = 10;
const NO_SEARCH: TextSearch = {
  hits: [],
  coverage: 0,
  topCoverage: 0,
  words: 0,
  information: 0,
  agreed: false,
  topExactCoverage: 0,
};

/** Score of an entry that an answering entry links to. */
const RELATED_SCORE = 0.5;
/** Free-text matches under a code answer rank below its related entries. */
const TEXT_AFTER_CODES = 0.45;
/**
 * Specificity (`TextSearch.information`) a situation must reach to have an answer of its own
 * beside the articles' answer to a destructive question, whatever the decision thresholds allow
 * questions, unless the whole text is answered with that entry confidently: "the cloud endpoint",
 * once "blow away… and add it back" is taken out, names a part, not a problem, and must not push
 * the warning down the card.
 */
const SITUATION_INFORMATION = 1;
/**
 * The entry the whole text is answered with stands for the situation only when the situation
 * alone ranks it this high: the acts asked about ("delete and recreate") must not pick it.
 */
const SITUATION_NEAR = 3;
/** Candidates searched before the audience gate and reorderings cut to MAX_MATCHES. */
const SEARCH_DEPTH = 15;

function orderHits(hits: CodeHit[], perItem: boolean): CodeHit[] {
  const rank = (h: CodeHit) => {
    const c = h.entry.codes[h.code];
    const itemFirst = h.entry.kind === 'per-item-error' ? 0 : 1;
    return (perItem ? itemFirst : 1 - itemFirst) + (c.olderAgentOnly ? 2 : 0);
  };
  return [...hits].sort((a, b) => rank(a) - rank(b));
}

/** Answers messages from the knowledge: exact codes first, then free text. */
export class Matcher {
  readonly book: CodeBook;
  readonly text: TextIndex;
  private readonly byId = new Map<string, Entry>();
  private readonly ranker: RankerName;
  private readonly weights: Weights;
  private readonly audience: AudienceGate;
  private readonly exact: ExactMessages;
  private readonly safety: SafetyLead;

  constructor(
    readonly index: KnowledgeIndex,
    options: RankerName | MatcherOptions = {},
  ) {
    const o = typeof options === 'string' ? { ranker: options } : options;
    this.ranker = o.ranker ?? 'bm25';
    this.weights = o.weights ?? WEIGHTS;
    this.book = new CodeBook(index);
    for (const e of index.entries) this.byId.set(e.id, e);
    this.text = new TextIndex(index.entries, o.snapshot?.text);
    // The snapshot's support terms hold for the analyzer its text index was made by.
    this.audience = new AudienceGate(
      index.entries,
      o.audience ?? 'customer',
      this.text.fromSnapshot ? o.snapshot?.supportTerms : undefined,
    );
    this.exact = new ExactMessages(index.entries);
    this.safety = new SafetyLead(index.entries);
  }

  /** The same matcher (indexes shared) with other weights: for tuning them. */
  withWeights(weights: Weights): Matcher {
    const m = Object.create(this) as Matcher;
    Object.defineProperty(m, 'weights', { value: weights });
    return m;
  }

  /** An entry by id. */
  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** Answers one message. Throws AppError for input that is not text or is too large. */
  ask(input: unknown, id?: string): Answer {
    if (typeof input !== 'string') throw new AppError('input_invalid', 'the question must be text');
    if (Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) {
      throw new AppError(
        'input_too_large',
        `the message is over ${MAX_INPUT_BYTES} bytes; paste the event or error line only`,
      );
    }
    const query = input;
    const text = sanitize(input);
    const base = (r: Omit<AskResult, 'query' | 'id'>): AskResult =>
      id === undefined ? { query, ...r } : { id, query, ...r };
    if (!text.trim()) {
      return {
        result: base({ confident: false, verdict: 'empty', codes: [], matches: [] }),
        entries: [],
        found: [],
        events: [],
        decodings: [],
        safetyFirst: [],
        reason: 'empty',
      };
    }

    const events = readEvents(text);
    const found = extractCodes(text, this.book);
    const perItem = perItemContext(text, events);
    const freeText =
      text.length <= TEXT_HEAD + TEXT_TAIL
        ? text
        : `${text.slice(0, TEXT_HEAD)}\n${text.slice(-TEXT_TAIL)}`;
    // Known codes are the answer; free text is searched only when they are not.
    const codesAnswer = found.length > 0 && found.every((f) => f.known);
    const search = codesAnswer
      ? NO_SEARCH
      : this.text.search(freeText, SEARCH_DEPTH, this.ranker, this.weights.rank);
    const top = search.hits[0]?.score ?? 0;
    const textScore = (h: TextHit): number =>
      Math.round(
        1000 *
          search.topCoverage *
          (top > 0 ? h.score / top : 0) *
          (found.length ? TEXT_AFTER_CODES : 1),
      ) / 1000;
    let hits = this.audience.filter(search.hits, freeText);
    const quoted = found.length
      ? []
      : this.audience
          .filter(
            this.exact.find(freeText).map((entry) => ({ entry })),
            freeText,
          )
          .map((x) => x.entry);

    // A destructive fix asked about leads with the articles' answer to it, codes or not.
    const codeEntries = found.flatMap((f) => (f.hits[0] ? [f.hits[0].entry] : []));
    const plan = this.safety.planFor(freeText, found.length > 0, codeEntries, hits[0]?.entry);
    const safetyFirst = plan.beforeCodes;
    const leadSafety = plan.leadsText;
    const picked: { entry: Entry; score: number }[] = [];
    const add = (entry: Entry, score: number) => {
      if (!picked.some((p) => p.entry === entry)) picked.push({ entry, score });
    };
    for (const e of safetyFirst) add(e, 1);
    // One answer per code first (so several codes all reach the top), then the alternatives.
    const ordered = found.map((f) => orderHits(f.hits, perItem));
    ordered.forEach((hits) => hits[0] && add(hits[0].entry, 1));
    ordered.forEach((hits) => hits.slice(1).forEach((h) => add(h.entry, 0.95)));
    for (const e of plan.afterCodes) add(e, 0.95);
    // What the answering entries link to (the steps they send people to) comes next.
    for (const p of [...picked]) {
      for (const id of p.entry.related) {
        const r = this.byId.get(id);
        if (r) add(r, RELATED_SCORE);
      }
    }

    // The situation asked about may have an answer of its own: the best entry for the situation
    // alone, or else the one the whole text would be answered with confidently, if the situation
    // alone ranks it near the top too (not only for the acts it asks about).
    let situation: ReturnType<SafetyLead['situation']>;
    if (leadSafety) {
      const own = this.situationAnswer(freeText);
      situation = this.safety.situation(
        own.best ??
          (hits[0] &&
          own.near.includes(hits[0].entry) &&
          this.decide(hits, search, text, quoted, false) === 'text'
            ? hits[0].entry
            : undefined),
      );
    }
    if (quoted.length || leadSafety)
      hits = this.safety.lead(hits, quoted, leadSafety, top, situation);
    hits = supersedersFirst(
      hits,
      (id) => this.byId.get(id),
      (entry, like) => ({ ...like, entry }),
    );
    for (const h of hits) add(h.entry, textScore(h));

    let confident: boolean;
    let reason: Answer['reason'];
    if (found.length > 0) {
      // A known code is answered confidently whatever surrounds it: the lookup is exact.
      confident = found.every((f) => f.known);
      reason = confident ? 'codes' : 'unknown-code';
    } else {
      reason = this.decide(hits, search, text, quoted, leadSafety);
      // The FAQ leads a question whose case has an answer of its own without the warning: both
      // are offered, the FAQ first, and neither is the one answer.
      if (reason === 'text' && situation?.place === 'beside') reason = 'ambiguous';
      confident = reason === 'text';
    }
    const matches = picked.slice(0, MAX_MATCHES);
    const result = base({
      confident,
      verdict: verdictOf(reason),
      codes: codesOf(found),
      matches: matches.map(({ entry, score }) => matchOf(entry, score)),
    });
    const decodings = found
      .filter((f) => f.hresult && !f.mars)
      .map((f) => decodeHresult(parseInt(f.hresult!, 16)));
    return {
      result,
      entries: matches.map((m) => m.entry),
      found,
      events,
      decodings,
      safetyFirst,
      reason,
    };
  }

  /**
   * The best entry for the situation alone, when the words it matches are specific enough to
   * answer: the text without the destructive acts it asks about, which some titles share
   * ("deleted and recreated") with any such question. How much of the text it covers is not
   * asked: a long account of what happened, with the question at its end, covers little of any
   * entry, and the entry placed beside the FAQ is offered, not the one answer.
   */
  private situationAnswer(text: string): { best?: Entry; near: Entry[] } {
    const situation = situationOf(text);
    const search = this.text.search(situation, SEARCH_DEPTH, this.ranker, this.weights.rank);
    const hits = this.audience.filter(search.hits, situation);
    const w = this.weights.decide;
    const near = hits.slice(0, SITUATION_NEAR).map((h) => h.entry);
    return search.information >= Math.max(w.minInformation, SITUATION_INFORMATION)
      ? { best: hits[0]?.entry, near }
      : { near };
  }

  /** Answer, chooser or off-topic for free text (no codes), from the calibrated thresholds. */
  private decide(
    hits: TextHit[],
    search: TextSearch,
    text: string,
    quoted: Entry[],
    safe: boolean,
  ): Answer['reason'] {
    return decideFreeText({
      hits,
      search,
      text,
      quoted,
      safe,
      weights: this.weights.decide,
      isSafety: this.safety.has,
      steady: (e) => this.steady(text, e),
    });
  }

  /** True when `entry` stays first with any one content word of the text left out. */
  private steady(text: string, entry: Entry): boolean {
    if (this.ranker !== 'bm25') return false;
    const keep = (hits: TextHit[]) => this.audience.filter(hits, text);
    return survivesEachWordDropped(this.text, text, this.weights.rank, keep, entry);
  }
}

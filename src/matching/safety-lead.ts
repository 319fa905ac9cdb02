import type { Entry } from '../knowledge/schema';
import {
  asksDestructiveFix,
  asksDestructiveFixInASentence,
  coversTitle,
  isDestructiveProcedure,
  namesObject,
  safetyEntries,
  safetyObject,
} from './safety';
import type { TextHit } from './search';
import { productsNamed } from './domain';

/** Where the answer to the situation asked about goes in the lead (`SafetyLead.ownCase`). */
export type OwnCase = 'first' | 'beside' | undefined;

/** The situation's own answer and where it goes. */
export interface Situation {
  entry: Entry;
  place: 'first' | 'beside';
}

/** How the lead applies to one message (`SafetyLead.planFor`). */
export interface SafetyPlan {
  /** Put before the codes' entries: the answers, unless those entries carry the warning. */
  beforeCodes: Entry[];
  /** Put after the codes' entries, which carry the warning themselves and lead. */
  afterCodes: Entry[];
  /** Free text asking about a destructive fix: the answers lead its hits (`lead`). */
  leadsText: boolean;
}

const NO_PLAN: SafetyPlan = { beforeCodes: [], afterCodes: [], leadsText: false };

/**
 * What leads the answer to a question about deleting, recreating or resetting something to fix
 * it: the articles' answer to that question and the guide that warns, the sections that carry
 * the same warning, and the answer to the situation itself where it has one.
 */
export class SafetyLead {
  /** The articles' answers and the sections that carry their warning (`safetyEntries`). */
  readonly entries: Entry[];
  /** The articles' answer to a destructive question (asked in those words), then the guide that warns. */
  readonly answers: Entry[];
  /** What the answers are about (`safetyObject`): the server endpoint. */
  private readonly object: string[];

  constructor(all: Entry[]) {
    this.entries = safetyEntries(all);
    this.answers = this.entries.filter((e) => e.kind === 'question' || e.kind === 'overview');
    this.object = safetyObject(this.answers);
  }

  /** True for the articles' answers and the sections that carry their warning. */
  readonly has = (e: Entry): boolean => this.entries.includes(e);

  /** True for an entry of the product the answers speak of. */
  readonly ofProduct = (e: Entry): boolean => this.answers.some((a) => a.product === e.product);

  /** True when the text names what the answers speak of ("delete the SE"). */
  namesObject(text: string): boolean {
    return namesObject(text, this.object);
  }

  /**
   * Whether and where the answers lead a message, from its text, the entries of its known codes
   * and (free text) the search's best entry. With codes the destructive fix must be asked in one
   * sentence: pasted reports mention deletions and errors on different lines. The answers speak
   * of one product: a question about the other product's agent or vault gets that product's own
   * entries. The product is the one the text names alone, or else the codes' entries', or else the
   * search's best; free text that names what the answers speak of is of their product whatever
   * ranks first.
   */
  planFor(text: string, withCodes: boolean, codeEntries: Entry[], best?: Entry): SafetyPlan {
    if (!(withCodes ? asksDestructiveFixInASentence(text) : asksDestructiveFix(text)))
      return NO_PLAN;
    const named = !withCodes && this.namesObject(text);
    // A question that names only the other product (a backup to the vault that fails, "should
    // I reinstall it?") is not about the answers' product, whatever ranks first.
    const products = productsNamed(text);
    if (!named && products.size === 1 && !this.answers.some((a) => products.has(a.product)))
      return NO_PLAN;
    const answering = codeEntries.length ? codeEntries : best ? [best] : [];
    if (!named && answering.length && !answering.some(this.ofProduct)) return NO_PLAN;
    if (!withCodes) return { ...NO_PLAN, leadsText: true };
    // Codes whose own entries all carry the warning ("share deleted and recreated": recreate the
    // sync group, under the same warning) are the article's answer and lead; the FAQ follows.
    const warn = codeEntries.length > 0 && codeEntries.every((e) => this.ownCase(e) === 'first');
    return warn
      ? { ...NO_PLAN, afterCodes: [...this.answers] }
      : { ...NO_PLAN, beforeCodes: [...this.answers] };
  }

  /**
   * Where the answer to the situation goes: `first` for a section that carries the warning
   * ("this server is already registered"), `beside` the FAQ for another, nowhere for the answers
   * themselves, for an area the FAQ names in its own title ("sync, cloud tiering, etc.") and for
   * procedures that delete something, which never lead.
   */
  ownCase(e: Entry): OwnCase {
    if (this.answers.includes(e) || isDestructiveProcedure(e)) return undefined;
    if (this.answers.some((a) => a.kind === 'question' && coversTitle(a, e))) return undefined;
    return this.has(e) ? 'first' : 'beside';
  }

  /** The situation's own answer and where it goes (`ownCase`), if it has a place. */
  situation(own: Entry | undefined): Situation | undefined {
    const place = own && this.ownCase(own);
    return own && place ? { entry: own, place } : undefined;
  }

  /**
   * The hits with what must lead first: entries whose message the text quotes word for word,
   * then (`safe`) the answers and warned sections, placed around the situation's own answer
   * (`ownCase`); destructive procedures go last. Leading hits score at least `top`.
   */
  lead(
    hits: TextHit[],
    quoted: Entry[],
    safe: boolean,
    top: number,
    situation?: Situation,
  ): TextHit[] {
    const first: Entry[] = [...quoted];
    if (safe) {
      const [faq, ...rest] = this.answers;
      const warned = hits
        .map((h) => h.entry)
        .filter((e) => this.has(e) && !this.answers.includes(e));
      if (situation?.place === 'first') first.push(situation.entry, ...this.answers, ...warned);
      else if (situation?.place === 'beside' && faq)
        first.push(faq, situation.entry, ...rest, ...warned);
      else first.push(...this.answers, ...warned);
    }
    const lead = [...new Set(first)].map(
      (entry) => hits.find((h) => h.entry === entry) ?? { entry, score: top },
    );
    const others = hits.filter((h) => !lead.includes(h));
    const kept = safe ? others.filter((h) => !isDestructiveProcedure(h.entry)) : others;
    const later = safe ? others.filter((h) => isDestructiveProcedure(h.entry)) : [];
    return [...lead.map((h) => ({ ...h, score: Math.max(h.score, top) })), ...kept, ...later];
  }
}

import { MAX_TYPO_WORD_CHARS, TypoIndex, type TypoIndexData } from './typo-index';

/** Corrections worked out at most (then forgotten): chats and pastes repeat their words. */
const CORRECTIONS_KEPT = 20_000;

/**
 * Typo correction over the knowledge's vocabulary: a word of six letters or more that the
 * vocabulary lacks becomes the term one or two edits away (two from nine letters), of equals the
 * most common. The typo index is the snapshot's when it lists this vocabulary, otherwise built
 * on first use (start-up stays short; the server warms it after listen).
 */
export class TypoCorrection {
  /** Typo lookup over the vocabulary (words that can be a correction: 4 letters and up). */
  private index: TypoIndex | null = null;
  private readonly corrections = new Map<string, string | null>();

  /** `df`: document frequency of each vocabulary term; `data`: the snapshot's typo index. */
  constructor(
    private readonly df: ReadonlyMap<string, number>,
    private data?: TypoIndexData,
  ) {}

  /** The typo index, for the snapshot. */
  typos(): TypoIndex {
    if (this.index) return this.index;
    // A query word of 9+ letters may be 2 edits off, so only words of 7+ letters need depth 2.
    const words = [...this.df.keys()].filter((t) => t.length >= 4);
    const data = this.data;
    this.data = undefined;
    this.index =
      data && data.maxEdits === 2 && sameWords(data.words, words)
        ? new TypoIndex(data)
        : new TypoIndex(words, 2, (t) => (t.length >= 7 ? 2 : 1));
    return this.index;
  }

  /** The vocabulary term one or two edits away; of equals, the most common. */
  correct(term: string): string | null {
    if (term.length < 6) return null;
    const cached = this.corrections.get(term);
    if (cached !== undefined) return cached;
    if (this.corrections.size >= CORRECTIONS_KEPT) this.corrections.clear();
    const found = this.nearest(term);
    this.corrections.set(term, found);
    return found;
  }

  private nearest(term: string): string | null {
    const near = this.typos().near(term, term.length >= 9 ? 2 : 1);
    if (near.length === 0) return null;
    const d = near[0].distance;
    const best = near.filter((n) => n.distance === d).map((n) => n.word);
    return best.sort(
      (a, b) => (this.df.get(b) ?? 0) - (this.df.get(a) ?? 0) || (a < b ? -1 : 1),
    )[0];
  }
}

/** Whether a snapshot's typo index lists the vocabulary's words (those it keeps, in order). */
function sameWords(listed: readonly string[], vocabulary: readonly string[]): boolean {
  const kept = vocabulary.filter((w) => w.length <= MAX_TYPO_WORD_CHARS);
  return listed.length === kept.length && listed.every((w, i) => w === kept[i]);
}

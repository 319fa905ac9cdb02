import { editDistance } from './edit-distance';
import { work } from './work';

/**
 * Longest token typo correction looks at. The knowledge's longest word has 34 letters; anything
 * longer is a hash, a path or a paste accident, and is an unknown token as it stands. The bound
 * matters: a word of L characters has about L²/2 two-character deletions of L characters each.
 */
export const MAX_TYPO_WORD_CHARS = 36;
/** Listed words compared with one query token at most, however many share its deletions. */
export const MAX_TYPO_CANDIDATES = 256;

/** Every string made by deleting up to `depth` characters (the word itself included). */
function deletions(word: string, depth: number, out: Set<string>): Set<string> {
  out.add(word);
  work.add(word.length);
  if (depth === 0 || word.length <= 1) return out;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(shorter)) deletions(shorter, depth - 1, out);
  }
  return out;
}

/**
 * A 30-bit FNV-1a hash: small integers are stored inline by V8, so the index keeps no key
 * strings. Two deletions that share a hash only add a candidate, which the edit distance drops.
 */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * Finds the words of a fixed list within one or two edits of a query word, in time that does
 * not grow with the list (symmetric deletion: two words within k edits share a k-deletion).
 * Deletions are kept as hashes pointing at word numbers: a few bytes each, not strings.
 * Work per query token is bounded: tokens over MAX_TYPO_WORD_CHARS are not looked up, and at
 * most MAX_TYPO_CANDIDATES listed words are compared with one.
 */
export class TypoIndex {
  private readonly words: string[];
  /** Deletion hash → the number of the one word it comes from, or of each word. */
  private readonly byDeletion = new Map<number, number | number[]>();

  /** `depthOf` says how many edits each listed word may be found at (short words need fewer). */
  constructor(
    words: Iterable<string>,
    private readonly maxEdits: number,
    depthOf: (word: string) => number = () => maxEdits,
  ) {
    this.words = [...new Set(words)].filter((w) => w.length <= MAX_TYPO_WORD_CHARS);
    this.words.forEach((w, n) => {
      for (const d of deletions(w, Math.min(maxEdits, depthOf(w)), new Set())) {
        const key = hash(d);
        const kept = this.byDeletion.get(key);
        if (kept === undefined) this.byDeletion.set(key, n);
        else if (typeof kept === 'number') {
          if (kept !== n) this.byDeletion.set(key, [kept, n]);
        } else if (kept[kept.length - 1] !== n) kept.push(n);
      }
    });
  }

  /** Words within `max` edits (≤ the index's), nearest first, ties in list order. */
  near(word: string, max: number): { word: string; distance: number }[] {
    const limit = Math.min(max, this.maxEdits);
    // Not a word any listed word is a typo of (see MAX_TYPO_WORD_CHARS).
    if (word.length > MAX_TYPO_WORD_CHARS + limit) return [];
    const seen = new Set<number>();
    const out: { word: string; distance: number; n: number }[] = [];
    scan: for (const d of deletions(word, limit, new Set())) {
      const kept = this.byDeletion.get(hash(d));
      if (kept === undefined) continue;
      for (const n of typeof kept === 'number' ? [kept] : kept) {
        if (seen.has(n)) continue;
        if (seen.size >= MAX_TYPO_CANDIDATES) break scan;
        seen.add(n);
        const candidate = this.words[n];
        const distance = editDistance(word, candidate, limit);
        if (distance <= limit) out.push({ word: candidate, distance, n });
      }
    }
    return out
      .sort((a, b) => a.distance - b.distance || a.n - b.n)
      .map(({ word, distance }) => ({ word, distance }));
  }
}

import { editDistance } from './edit-distance';

/** Every string made by deleting up to `depth` characters (the word itself included). */
function deletions(word: string, depth: number, out: Set<string>): Set<string> {
  out.add(word);
  if (depth === 0 || word.length <= 1) return out;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(shorter)) deletions(shorter, depth - 1, out);
  }
  return out;
}

/**
 * Finds the words of a fixed list within one or two edits of a query word, in time that does
 * not grow with the list (symmetric deletion: two words within k edits share a k-deletion).
 */
export class TypoIndex {
  private readonly byDeletion = new Map<string, string[]>();

  /** `depthOf` says how many edits each listed word may be found at (short words need fewer). */
  constructor(
    words: Iterable<string>,
    private readonly maxEdits: number,
    depthOf: (word: string) => number = () => maxEdits,
  ) {
    for (const w of words) {
      for (const d of deletions(w, Math.min(maxEdits, depthOf(w)), new Set())) {
        const list = this.byDeletion.get(d);
        if (list) {
          if (!list.includes(w)) list.push(w);
        } else this.byDeletion.set(d, [w]);
      }
    }
  }

  /** Words within `max` edits (≤ the index's), nearest first, ties in list order. */
  near(word: string, max: number): { word: string; distance: number }[] {
    const limit = Math.min(max, this.maxEdits);
    const seen = new Set<string>();
    const out: { word: string; distance: number }[] = [];
    for (const d of deletions(word, limit, new Set())) {
      for (const candidate of this.byDeletion.get(d) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const distance = editDistance(word, candidate, limit);
        if (distance <= limit) out.push({ word: candidate, distance });
      }
    }
    return out.sort((a, b) => a.distance - b.distance);
  }
}

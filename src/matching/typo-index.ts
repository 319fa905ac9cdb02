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
 * A built TypoIndex as data (`data()`), kept in the search index snapshot so the server does not
 * build it: the listed words, and the deletion table as base64 of little-endian Uint32Arrays.
 */
export interface TypoIndexData {
  words: string[];
  maxEdits: number;
  /** Distinct deletion hashes, ascending. */
  keys: string;
  /** Where each key's word numbers start in `ids` (one more than the keys). */
  starts: string;
  /** Word numbers, each key's ascending. */
  ids: string;
}

// NOTE: typed arrays use the machine's byte order; every platform Node.js ships for is little-endian.
const encode = (a: Uint32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function decode(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  // A copy: a small Buffer is a slice of a shared pool, not aligned for a Uint32Array view.
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * Finds the words of a fixed list within one or two edits of a query word, in time that does
 * not grow with the list (symmetric deletion: two words within k edits share a k-deletion).
 * Deletions are kept as hashes pointing at word numbers, in three flat arrays (a few bytes each,
 * no strings, nothing for the garbage collector to walk): a sorted table of hashes searched by
 * bisection, and for each the numbers of the words it comes from.
 * Work per query token is bounded: tokens over MAX_TYPO_WORD_CHARS are not looked up, and at
 * most MAX_TYPO_CANDIDATES listed words are compared with one.
 */
export class TypoIndex {
  private readonly words: string[];
  private readonly maxEdits: number;
  private readonly keys: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly ids: Uint32Array;

  /** `depthOf` says how many edits each listed word may be found at (short words need fewer). */
  constructor(words: Iterable<string>, maxEdits: number, depthOf?: (word: string) => number);
  /** The index `data()` returned. */
  constructor(data: TypoIndexData);
  constructor(
    from: Iterable<string> | TypoIndexData,
    maxEdits = 0,
    depthOf: (word: string) => number = () => maxEdits,
  ) {
    if (isData(from)) {
      this.words = from.words;
      this.maxEdits = from.maxEdits;
      this.keys = decode(from.keys);
      this.starts = decode(from.starts);
      this.ids = decode(from.ids);
      return;
    }
    this.maxEdits = maxEdits;
    this.words = [...new Set(from)].filter((w) => w.length <= MAX_TYPO_WORD_CHARS);
    /** Deletion hash → the numbers of the words it comes from, ascending. */
    const byDeletion = new Map<number, number[]>();
    this.words.forEach((w, n) => {
      for (const d of deletions(w, Math.min(maxEdits, depthOf(w)), new Set())) {
        const key = hash(d);
        const kept = byDeletion.get(key);
        if (kept === undefined) byDeletion.set(key, [n]);
        else if (kept[kept.length - 1] !== n) kept.push(n);
      }
    });
    this.keys = Uint32Array.from(byDeletion.keys()).sort();
    this.starts = new Uint32Array(this.keys.length + 1);
    const ids: number[] = [];
    this.keys.forEach((key, i) => {
      ids.push(...byDeletion.get(key)!);
      this.starts[i + 1] = ids.length;
    });
    this.ids = Uint32Array.from(ids);
  }

  /** The index as data, for `new TypoIndex(data)`. */
  data(): TypoIndexData {
    return {
      words: this.words,
      maxEdits: this.maxEdits,
      keys: encode(this.keys),
      starts: encode(this.starts),
      ids: encode(this.ids),
    };
  }

  /** The position of a hash in `keys`, or -1. */
  private find(key: number): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid];
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Words within `max` edits (≤ the index's), nearest first, ties in list order. */
  near(word: string, max: number): { word: string; distance: number }[] {
    const limit = Math.min(max, this.maxEdits);
    // Not a word any listed word is a typo of (see MAX_TYPO_WORD_CHARS).
    if (word.length > MAX_TYPO_WORD_CHARS + limit) return [];
    const seen = new Set<number>();
    const out: { word: string; distance: number; n: number }[] = [];
    scan: for (const d of deletions(word, limit, new Set())) {
      const at = this.find(hash(d));
      if (at < 0) continue;
      for (let i = this.starts[at]; i < this.starts[at + 1]; i++) {
        const n = this.ids[i];
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

function isData(from: Iterable<string> | TypoIndexData): from is TypoIndexData {
  return typeof (from as TypoIndexData).keys === 'string';
}

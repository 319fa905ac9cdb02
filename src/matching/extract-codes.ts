import { fromWin32, hexOf, signedOf } from '../knowledge/hresult';
import type { CodeBook, CodeHit } from './code-book';
import { stemName } from './code-book';
import { editDistance } from './edit-distance';
import { work } from './work';

/** How a code was written in the message. */
export type CodeForm =
  'hex' | 'decimal' | 'unsigned' | 'win32' | 'alias' | 'name' | 'fragment' | 'typo' | 'mars-id';

/** A code found in a message. */
export interface FoundCode {
  /** `0x` + 8 lowercase hex digits; for a MARS id, its number in that form; null for a bare name. */
  hresult: string | null;
  decimal: number | null;
  name?: string;
  known: boolean;
  hits: CodeHit[];
  form: CodeForm;
  /** Offset of the first mention, for ordering. */
  position: number;
  mars: boolean;
}

/**
 * Every numeric form in one pass. Order matters where two could start at one place: a GUID
 * first (its first group looks like an HRESULT: {80C8305F-…}), bare hex before plain numbers.
 */
const NUMERIC = new RegExp(
  [
    String.raw`(?<guid>\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)`,
    String.raw`(?<![\w-])0x(?<hex>[0-9a-f]{1,8})(?![\w-])`,
    // "Win32 error 1219", "system error 5": a Win32 error, reported as HRESULT_FROM_WIN32.
    String.raw`\b(?:win32|system)(?:[ \t]+(?:error|code))*[ \t]*[:#]?[ \t]*(?<win32>\d{1,5})\b(?![.,]\d)`,
    String.raw`\b(?:ID|Error(?:\s+(?:code|ID))?)\s*[:#]?\s*(?<mars>\d{3,6})\b(?![.,]\d)`,
    // A full stop ends a sentence as often as a number: only a digit after it makes a decimal.
    String.raw`(?<![\w.-])(?<neg>-\d{6,10})(?![\w]|\.\d)`,
    String.raw`(?<![\w-])(?<bare>[89c][0-9a-f]{7})(?![\w-])`,
    String.raw`(?<![\w.:-])(?<num>\d{5,10})(?![\w:-]|\.\d)`,
  ].join('|'),
  'gi',
);
/**
 * Codes kept per message. A paste of a thousand codes (a hex dump, a `0x…,` list) is answered
 * from its first few: known codes first, then at most MAX_UNKNOWN_CODES the knowledge lacks.
 */
export const MAX_CODES = 20;
export const MAX_UNKNOWN_CODES = 8;
/** Longer than any error name (the longest known is under 60): not looked up at all. */
const MAX_NAME_CHARS = 80;
/** Distinct name-like tokens checked against every known name per message (exact lookups are free). */
const MAX_FRAGMENT_TOKENS = 64;
const NAME_TOKEN = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b|\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b/g;
/** Fuzzy name checks per message: a long paste must not cost more than a short one. */
const MAX_FUZZY_TOKENS = 16;
const MARS_CONTEXT =
  /\b(mars|recovery services|azure backup|backup agent|vault|cbengine|obengine|passphrase)\b/i;

/** Finds every error code in a text: hex, decimals, error strings, MARS ids. Ignores GUIDs. */
export function extractCodes(text: string, book: CodeBook): FoundCode[] {
  const found = new Map<string, FoundCode>();
  let unknown = 0;
  const add: Add = (unsigned, form, position, hits, mars = false) => {
    const hresult = unsigned === null ? null : hexOf(unsigned);
    const key =
      hresult === null ? `name:${hits?.[0]?.entry.id}` : mars ? `mars:${hresult}` : hresult;
    const prev = found.get(key);
    if (prev) {
      prev.position = Math.min(prev.position, position);
      return;
    }
    const h = hits ?? (hresult ? book.byHex.get(hresult) : undefined) ?? [];
    if (found.size >= MAX_CODES) return;
    if (h.length === 0 && ++unknown > MAX_UNKNOWN_CODES) return;
    const name =
      hresult === null
        ? (h[0]?.entry.codes[h[0].code].errorString ?? undefined)
        : mars
          ? undefined
          : book.nameOf(hresult);
    found.set(key, {
      hresult,
      decimal: unsigned === null ? null : mars ? unsigned : signedOf(unsigned),
      name,
      known: h.length > 0,
      hits: h,
      form,
      position,
      mars,
    });
  };

  // Each pattern below reads the text once (none can backtrack over more than a code's length).
  work.add(3 * text.length);
  let marsContext: boolean | undefined;
  for (const m of text.matchAll(NUMERIC)) {
    const g = m.groups!;
    const at = m.index!;
    work.add(m[0].length);
    if (g.hex !== undefined) hexCode(g.hex, at, book, add);
    else if (g.win32 !== undefined) add(fromWin32(Number(g.win32)), 'win32', at);
    else if (g.mars !== undefined) {
      const hits = book.byMarsId.get(g.mars);
      // "Error 34777" / "ID: 34777" is a MARS-style id even without other MARS words.
      marsContext ??= MARS_CONTEXT.test(text);
      if (hits || marsContext || g.mars.length >= 5)
        add(Number(g.mars), 'mars-id', at, hits ?? [], true);
      else if (Number(g.mars) <= 0xffff && book.byHex.has(hexOf(fromWin32(Number(g.mars)))))
        // "error 1219" outside MARS: the Win32 error the knowledge explains as an HRESULT.
        add(fromWin32(Number(g.mars)), 'win32', at);
    } else if (g.neg !== undefined) signedCode(g.neg, at, book, add);
    else if (g.bare !== undefined) add(parseInt(g.bare, 16), 'hex', at);
    else if (g.num !== undefined) {
      const value = Number(g.num);
      const hits = book.byMarsId.get(g.num);
      // Long MARS ids are distinctive enough to find without "ID:" before them.
      if (hits && g.num.length <= 6) add(value, 'mars-id', at, hits, true);
      else if (g.num.length === 10 && value >= 0x8000_0000 && value <= 0xffff_ffff)
        add(value, 'unsigned', at);
    }
  }
  let fuzzyBudget = MAX_FUZZY_TOKENS;
  let fragmentBudget = MAX_FRAGMENT_TOKENS;
  const seen = new Set<string>();
  for (const m of text.matchAll(NAME_TOKEN)) {
    work.add(m[0].length);
    if (m[0].length > MAX_NAME_CHARS || seen.has(m[0])) continue;
    seen.add(m[0]);
    const budget = { fuzzy: fuzzyBudget > 0, fragment: fragmentBudget > 0 };
    const spent = nameCodes(m[0], m.index!, book, add, budget);
    if (spent.fuzzy) fuzzyBudget--;
    if (spent.fragment) fragmentBudget--;
  }
  return [...found.values()].sort((a, b) => a.position - b.position);
}

function hexCode(digits: string, at: number, book: CodeBook, add: Add): void {
  const value = parseInt(digits, 16);
  const marsHits = book.byMarsId.get('0x' + digits.toUpperCase());
  if (marsHits) add(value, 'mars-id', at, marsHits, true);
  else if (digits.length === 8 && value >= 0x8000_0000) add(value, 'hex', at);
  else if (digits.length >= 3 && digits.length <= 4 && value > 0) {
    // NOTE: "0x4c3" is a Win32 error; Windows reports it as HRESULT_FROM_WIN32 (0x800704c3).
    const hr = fromWin32(value);
    if (book.byHex.has(hexOf(hr))) add(hr, 'win32', at);
  }
  // Anything else with 0x (code points such as 0x0000FDD0, small flags) is not an error code.
}

function signedCode(text: string, at: number, book: CodeBook, add: Add): void {
  const alias = book.byAlias.get(text);
  const value = Number(text);
  const inRange = value >= -0x8000_0000 && value <= -0x10000;
  // NOTE: an article's wrong decimal can be another code's right one (-2134364145): the right one wins.
  if (inRange && (book.byHex.has(hexOf(value >>> 0)) || !alias)) add(value >>> 0, 'decimal', at);
  else if (alias) {
    const hex = alias[0].entry.codes[alias[0].code].hresult;
    if (hex) add(parseInt(hex, 16), 'alias', at, alias);
  }
}

type Add = (
  unsigned: number | null,
  form: CodeForm,
  position: number,
  hits?: CodeHit[],
  mars?: boolean,
) => void;

function addHits(hits: CodeHit[], form: CodeForm, position: number, add: Add): void {
  for (const hit of hits) {
    const c = hit.entry.codes[hit.code];
    if (c.hresult)
      add(
        parseInt(c.hresult, 16),
        form,
        position,
        hits.filter((h) => h.entry.codes[h.code].hresult === c.hresult),
      );
    else add(null, form, position, [hit]);
  }
}

/** Error strings: exact, a distinctive fragment, or one or two typos away from a known one. */
function nameCodes(
  token: string,
  position: number,
  book: CodeBook,
  add: Add,
  budget: { fuzzy: boolean; fragment: boolean },
): { fuzzy: boolean; fragment: boolean } {
  const none = { fuzzy: false, fragment: false };
  const upper = token.toUpperCase();
  const exact = book.byName.get(upper);
  if (exact) {
    addHits(exact, 'name', position, add);
    return none;
  }
  const isSnake = upper.includes('_');
  if (!budget.fragment) return none;
  if (isSnake && upper.length >= 10 && upper.split('_').length >= 2) {
    work.add(book.names.length * upper.length);
    const stem = stemName(upper);
    const fragment = book.names.filter(
      (n) =>
        n === stem ||
        n.endsWith('_' + upper) ||
        n.includes('_' + upper + '_') ||
        n.startsWith(upper + '_') ||
        stemName(n) === stem,
    );
    if (fragment.length > 0 && fragment.length <= 3) {
      addHits(
        fragment.flatMap((n) => book.byName.get(n) ?? []),
        'fragment',
        position,
        add,
      );
      return { fuzzy: false, fragment: true };
    }
  }
  // Typos are looked for in snake_case names only: CamelCase words in pasted events (field
  // names such as AppliedFileCount) are many, and the CamelCase error names few and short.
  const checked = { fuzzy: false, fragment: isSnake && upper.length >= 10 };
  if (upper.length < 8 || upper.length > 64 || !isSnake || !budget.fuzzy) return checked;
  // A few hundred spellings: a bounded edit distance that gives up early beats any index here.
  const max = upper.length >= 14 ? 2 : 1;
  const near: { word: string; distance: number }[] = [];
  for (const spelling of book.spellingOf.keys()) {
    if (Math.abs(spelling.length - upper.length) > max) continue;
    const distance = editDistance(upper, spelling, max);
    if (distance <= max) near.push({ word: spelling, distance });
  }
  const bestD = Math.min(...near.map((n) => n.distance));
  // A name and its stem (ECS_E_X and X) are the same code: count names, not spellings.
  const best = [
    ...new Set(
      near.filter((n) => n.distance === bestD).flatMap((n) => book.spellingOf.get(n.word) ?? []),
    ),
  ];
  if (best.length === 1) addHits(book.byName.get(best[0]) ?? [], 'typo', position, add);
  return { fuzzy: true, fragment: checked.fragment };
}

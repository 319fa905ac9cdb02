import { fromWin32, hexOf, signedOf } from '../knowledge/hresult';
import type { CodeBook, CodeHit } from './code-book';
import { stemName } from './code-book';
import { editDistance } from './edit-distance';

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
    String.raw`\b(?:ID|Error(?:\s+(?:code|ID))?)\s*[:#]?\s*(?<mars>\d{3,6})\b`,
    String.raw`(?<![\w.-])(?<neg>-\d{6,10})(?![\w.])`,
    String.raw`(?<![\w-])(?<bare>[89c][0-9a-f]{7})(?![\w-])`,
    String.raw`(?<![\w.:-])(?<num>\d{5,10})(?![\w.:-])`,
  ].join('|'),
  'gi',
);
const NAME_TOKEN = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b|\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b/g;
/** Fuzzy name checks per message: a long paste must not cost more than a short one. */
const MAX_FUZZY_TOKENS = 16;
const MARS_CONTEXT =
  /\b(mars|recovery services|azure backup|backup agent|vault|cbengine|obengine|passphrase)\b/i;

/** Finds every error code in a text: hex, decimals, error strings, MARS ids. Ignores GUIDs. */
export function extractCodes(text: string, book: CodeBook): FoundCode[] {
  const found = new Map<string, FoundCode>();
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

  let marsContext: boolean | undefined;
  for (const m of text.matchAll(NUMERIC)) {
    const g = m.groups!;
    const at = m.index!;
    if (g.hex !== undefined) hexCode(g.hex, at, book, add);
    else if (g.mars !== undefined) {
      const hits = book.byMarsId.get(g.mars);
      // "Error 34777" / "ID: 34777" is a MARS-style id even without other MARS words.
      marsContext ??= MARS_CONTEXT.test(text);
      if (hits || marsContext || g.mars.length >= 5)
        add(Number(g.mars), 'mars-id', at, hits ?? [], true);
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
  const seen = new Set<string>();
  for (const m of text.matchAll(NAME_TOKEN)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    if (nameCodes(m[0], m.index!, book, add, fuzzyBudget > 0)) fuzzyBudget--;
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
  fuzzy: boolean,
): boolean {
  const upper = token.toUpperCase();
  const exact = book.byName.get(upper);
  if (exact) {
    addHits(exact, 'name', position, add);
    return false;
  }
  const isSnake = upper.includes('_');
  if (isSnake && upper.length >= 10 && upper.split('_').length >= 2) {
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
      return false;
    }
  }
  // Typos are looked for in snake_case names only: CamelCase words in pasted events (field
  // names such as AppliedFileCount) are many, and the CamelCase error names few and short.
  if (upper.length < 8 || upper.length > 64 || !isSnake || !fuzzy) return false;
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
  return true;
}

/** Tokens for free-text search: lowercase words, stop words dropped, a light English stem. */
import { readPhrases } from './phrases';
import { THESAURUS } from './thesaurus';
import { work } from './work';

/**
 * Longest token kept whole. Longer runs of letters or digits (hashes, hex dumps, one key held
 * down) are cut to this: they stay one unknown token, and nothing downstream (the stemmer, typo
 * correction, caches keyed by token) ever handles more than this many characters of one.
 */
export const MAX_TOKEN_CHARS = 64;

const STOP = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both
  but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had
  hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm if in into is isn't it it's its
  itself let's me more most my myself no nor not of off on once only or other ought our ours ourselves out over own same
  she should shouldn't so some such than that that's the their theirs them themselves then there these they this those
  through to too under until up very was wasn't we were weren't what what's when where which while who whom why with won't
  would wouldn't you your yours yourself yourselves also get got getting just like need needs want wants know tell please
  thanks thank hi hello hey anyone someone help us one still keep keeps since now today yesterday guys team ok okay
  see seeing shows showing says saying thing stuff way getting use using used via per e.g etc vs will would'nt mean means
  happen happens happening going go goes gets im ive dont doesnt cant wont isnt whats hows actually really each every
  arent isnt wasnt werent didnt shouldnt couldnt wouldnt hasnt havent hadnt thats theres ones
  make makes made find out able try trying tried anyway somehow whole
  anything something everything nothing anymore even ever never much many lot lots bit kind sort maybe probably
  basically literally seems seem seemed looks look looked fine good bad sure think thought guess wondering wonder question
  questions issue issues problem problems right wrong new old another other thing things time times day days week`.split(
    /\s+/,
  ),
);

/** After "-ing"/"-ed" is cut, put back what English spelling dropped (Porter's step 1b). */
function restore(w: string): string {
  if (/(at|bl|iz)$/.test(w)) return w + 'e';
  if (/([^aeiouslz])\1$/.test(w)) return w.slice(0, -1);
  if (
    w.length <= 5 &&
    /^[^aeiou]*[aeiouy][^aeiouwxy]$|[^aeiou][aeiou][^aeiouwxy]$/.test(w) &&
    w.length >= 3
  ) {
    return /[^aeiouy][aeiou][^aeiouwxy]$/.test(w) ? w + 'e' : w;
  }
  return w;
}

/** Suffixes cut: "recalled/recall", "files/file", "tiering/tier", "moving/move". */
function cut(word: string): string {
  const w = word;
  if (w.length > 4 && /ie[sd]$/.test(w)) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) return restore(w.slice(0, -3));
  if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) return restore(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/**
 * A light stem that gives every form of a word one stem. A final "e" is dropped past four letters
 * (Porter's step 5): putting it back after "-ed" or "-ing" cannot be told from spelling alone
 * ("restored", "changed", "configured"), so the forms meet without it.
 */
export function stem(word: string): string {
  const w = cut(word);
  return w.length > 4 && w.endsWith('e') && !w.endsWith('ee') ? w.slice(0, -1) : w;
}

const NEGATION = new Set(
  "not never no cannot can't cant won't wont don't dont doesn't doesnt isn't isnt aren't arent didn't didnt unable".split(
    ' ',
  ),
);

/** Raw words of a text, lowercased, apostrophes kept inside words. */
export function words(text: string): string[] {
  // Four linear passes (lowercase, join prefixes, phrases, split): each reads the text once.
  work.add(4 * text.length);
  // "re-register" and "reregister" are one word; so are "un-install" and "uninstall".
  const tokens =
    readPhrases(text.toLowerCase().replace(/\b(re|pre|un|de|non|co)-(?=\p{L})/gu, '$1'))
      // A version or an address (4.5.2, v17.2.0.0, 20.190.128.0) is one word: its parts mean nothing.
      // Hyphens are kept here, so that a server's name (SRV-SQL04) is seen whole.
      .match(
        /(?:v(?=\p{N}))?\p{N}+(?:\.\p{N}+)+|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(?:'[\p{L}]+)?/gu,
      ) ?? [];
  const found: string[] = [];
  for (const token of tokens) {
    const parts = token.includes('-') ? token.split('-') : null;
    if (!parts || parts.some(isHostPart)) found.push(capped(token));
    else for (const part of parts) found.push(capped(part));
  }
  return found;
}

const capped = (w: string) => (w.length > MAX_TOKEN_CHARS ? w.slice(0, MAX_TOKEN_CHARS) : w);

/**
 * Letters then a number, as servers are named: fs01, sql04, file1, bkp01. A hyphenated name with
 * such a part (SRV-SQL04, DC-BKP01) stays one word: it tells which machine, and its parts are not
 * words of the field ("dc" would read as a domain controller). Like any word the knowledge lacks,
 * it still counts in how much of a question is understood.
 */
const HOST_PART = /^\p{L}{2,5}\p{N}{1,3}$/u;
/** Parts of that shape that name a technology, not a machine: ipv6, smb3, utf8, sha256, win10. */
const TECH_PREFIX = /^(?:ipv|smb|utf|sha|md|tls|ssl|win|http|arm|aes|rsa|crc|base|net|ntfs)\p{N}/u;

const isHostPart = (w: string) => HOST_PART.test(w) && !TECH_PREFIX.test(w);

/** One content word of a text: its stem, and the stems of its domain synonyms. */
export interface Analyzed {
  term: string;
  expansions: readonly string[];
}

const NO_EXPANSION: readonly string[] = [];

/**
 * A Unicode code point as people write one in a question about characters in names: U+F03A,
 * \\u00a0, or 0x with eight zero-padded hex digits (0x0000FDD0, as the articles list them), and
 * 0x with two (0x7F) when the text speaks of characters or names: otherwise two digits are as
 * likely a Win32 error (0x57, the parameter is incorrect). Other 0x forms are left alone: three to
 * six digits can be a Win32 error (0x4c3) or a MARS id (0x1FC07), eight from 0x8… an HRESULT.
 */
const CODE_POINT =
  /(?<![\p{L}\p{N}_+\\])(?:u\+[0-9a-f]{4,6}|\\u\{?[0-9a-f]{4,6}\}?|0x00[0-9a-f]{6})(?![\p{L}\p{N}_+])/giu;
const SHORT_CODE_POINT = /(?<![\p{L}\p{N}_+\\])0x[0-9a-f]{2}(?![\p{L}\p{N}_+])/giu;
/** Words that make a two-digit 0x a character: "in the name", "[char]0x7F", "unicode". */
const ABOUT_CHARACTERS =
  /\b(?:char|characters?|unicode|symbols?|file ?names?|folder ?names?|in (?:the |a |its |their )?names?)\b|\[char\]/i;
/** Lowest and highest code point read as a character: below 0x20 are controls, above 0x10FFFF none. */
const MIN_CHAR = 0x20;
const MAX_CHAR = 0x10ffff;

/** The text with each code point in it written as the word "character", which is what it means. */
function readCodePoints(text: string): string {
  if (!/u\+|\\u|0x/i.test(text)) return text;
  const character = (m: string) => {
    const value = parseInt(m.replace(/^(?:u\+|\\u\{?|0x)/i, ''), 16);
    return value >= MIN_CHAR && value <= MAX_CHAR ? ' character ' : m;
  };
  const read = text.replace(CODE_POINT, character);
  return ABOUT_CHARACTERS.test(text) ? read.replace(SHORT_CODE_POINT, character) : read;
}

/** Content words of a text in order: stop words dropped, stemmed, with their synonyms. */
export function analyze(text: string): Analyzed[] {
  const out: Analyzed[] = [];
  for (const w of words(readCodePoints(text))) {
    // "files aren't tiering", "never syncs", "can't register": to this knowledge, a failure.
    if (NEGATION.has(w)) {
      out.push({ term: 'fail', expansions: NO_EXPANSION });
      continue;
    }
    // Numbers count only at the length of event ids and ports (9102, 443); others are noise.
    // A version (4.5.2) is not a number here: words() keeps it whole, and it is kept.
    if (STOP.has(w) || w.length < 2 || (/^\d+$/.test(w) && (w.length < 3 || w.length > 5)))
      continue;
    const base = w.replace(/'s$/, '').replace(/'/g, '');
    // NOTE: own keys only: "constructor" or "__proto__" in a message would read Object.prototype.
    const syn = Object.hasOwn(THESAURUS, base) ? THESAURUS[base] : undefined;
    out.push({ term: stem(base), expansions: syn ? syn.map(stem) : NO_EXPANSION });
  }
  return out;
}

/** Search terms of a text: stop words dropped, synonyms expanded, stemmed. */
export function terms(text: string, expand = true): string[] {
  const out: string[] = [];
  for (const a of analyze(text)) {
    out.push(a.term);
    if (expand) out.push(...a.expansions);
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ODD_CHARS = /[\ud800-\udfff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Lone surrogates and control characters become spaces: they only break rendering. */
export function sanitize(text: string): string {
  if (!ODD_CHARS.test(text)) return text;
  return (
    text
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
  );
}

/** A text as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

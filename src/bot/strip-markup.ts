import { work } from '../matching/work';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Longest tag removed as formatting: a longer `<…>` span is text someone wrote. */
const MAX_TAG_CHARS = 200;

/**
 * The next position of `needle` at or after a point, remembered: asked again for a point
 * before the answer, it answers at once. Asked with points that only grow, it reads the text
 * once in all, so a run of unclosed `<at` costs a single scan instead of one per tag.
 */
function nextOf(haystack: string, needle: string): (from: number) => number {
  let at = -1;
  let scannedFrom = -1;
  return (from) => {
    if (at === Infinity || (at >= from && scannedFrom <= from)) return at;
    const found = haystack.indexOf(needle, from);
    work.add((found === -1 ? haystack.length : found) - from + 1);
    scannedFrom = from;
    at = found === -1 ? Infinity : found;
    return at;
  };
}

/**
 * Teams message HTML reduced to what a person wrote: each `<at>…</at>` mention (closed on its
 * own line) becomes a space, `<br>`, `</p>` and `</div>` become line breaks, any other tag of
 * up to 200 characters is dropped, and the common entities are decoded. One pass, linear in the
 * text whatever it holds (the regular expressions this replaces rescanned the rest of the text
 * for every unclosed `<at`, which made 256 KB of them cost seconds).
 */
export function stripMarkup(text: string): string {
  // ASCII-only lowercasing keeps every index where it was (full Unicode lowercasing may not).
  const lower = text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  work.add(2 * text.length);
  const gt = nextOf(lower, '>');
  const close = nextOf(lower, '</at>');
  const newline = nextOf(lower, '\n');
  const open = nextOf(lower, '<');
  const amp = nextOf(lower, '&');
  let out = '';
  let copied = 0;
  const emit = (from: number, to: number, replacement: string) => {
    out += text.slice(copied, from) + replacement;
    copied = to;
  };
  let pos = 0;
  while (pos < lower.length) {
    const lt = open(pos);
    const and = amp(pos);
    const next = Math.min(lt, and);
    if (next === Infinity) break;
    if (next === and && and < lt) {
      const entity = /^&(?:amp|lt|gt|quot|#39|nbsp);/.exec(lower.slice(and, and + 6));
      if (entity) emit(and, and + entity[0].length, ENTITIES[entity[0]]);
      pos = and + (entity ? entity[0].length : 1);
      continue;
    }
    pos = lt;
    const end = gt(lt + 1);
    if (/^<at(?![\w])/.test(lower.slice(lt, lt + 4)) && end !== Infinity) {
      const closing = close(end + 1);
      if (closing !== Infinity && newline(end + 1) > closing) {
        emit(lt, closing + 5, ' ');
        pos = closing + 5;
        continue;
      }
    }
    const tag = end === Infinity ? '' : lower.slice(lt, Math.min(end + 1, lt + MAX_TAG_CHARS + 2));
    if (end !== Infinity && /^(?:<br\s*\/?>|<\/p>|<\/div>)$/.test(tag)) {
      emit(lt, end + 1, '\n');
      pos = end + 1;
    } else if (end !== Infinity && end - lt - 1 >= 1 && end - lt - 1 <= MAX_TAG_CHARS) {
      emit(lt, end + 1, '');
      pos = end + 1;
    } else pos = lt + 1;
  }
  return out + text.slice(copied);
}

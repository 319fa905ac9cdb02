/**
 * Text that goes into a TextBlock or a Fact is read as markdown by Teams. These helpers make sure
 * text renders as written: user text cannot format itself or add links, and article text cannot
 * carry a link either. Action titles and TextRuns are not markdown and need none of this.
 */

/** Longest piece of user text a card repeats back. */
export const MAX_USER_TEXT = 200;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates: they can make text read differently from what it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Every character CommonMark could read as syntax in running text. */
const MARKDOWN_SYNTAX = /[\\*_`[\]()#>\-+!|~<]/g;
/** `1.` or `1)` at the start of a line opens an ordered list. */
const LEADING_ORDINAL = /^(\s*\d+)([.)])/gm;
/**
 * Clients auto-link `https://x`, `www.x` and `a@b.c` (GFM autolink literals); a zero-width space
 * inside each stops that without changing what people read.
 */
const AUTOLINKS: [RegExp, string][] = [
  [/([a-z][a-z0-9+.-]*):\/\//gi, '$1:\u200b//'],
  [/\b(www)\./gi, '$1\u200b.'],
  [/@(?=[a-z0-9])/gi, '@\u200b'],
];

/** Removes control characters, bidirectional overrides and lone surrogates; keeps tabs and newlines. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '').replace(BIDI, '').replace(LONE_SURROGATE, '');
}

/** Cuts text to `max` characters (code points, not UTF-16 units), ending with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

/** Escapes every markdown construct, so the text renders literally. Keeps line breaks. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(MARKDOWN_SYNTAX, '\\$&')
      .replace(LEADING_ORDINAL, '$1\\$2')
      // NOTE: `${` is what an unexpanded template expression looks like; break it so a check for
      // leftovers never mistakes user text for one (`\{` renders as `{`).
      .replace(/\$\{/g, '$\\{')
  );
}

/**
 * Text a user typed or pasted: control characters stripped, whitespace runs (newlines too)
 * collapsed, cut to MAX_USER_TEXT characters, then escaped so it cannot format itself or link
 * (markdown links, and the bare URLs, `www.` names and e-mail addresses clients auto-link).
 */
export function userText(text: string, max: number = MAX_USER_TEXT): string {
  const flat = stripControl(text).replace(/\s+/g, ' ').trim();
  return AUTOLINKS.reduce(
    (text, [re, to]) => text.replace(re, to),
    escapeMarkdown(truncate(flat, max)),
  );
}

/**
 * Text from the knowledge (plain already): only what could make a link or raw HTML is escaped,
 * `[`, `]` and `<`, plus a backslash that would otherwise escape the character after it.
 */
export function articleText(text: string): string {
  return stripControl(text)
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/[[\]<]/g, '\\$&');
}

/** Plain text for places that are not markdown (action titles, TextRuns): stripped and cut. */
export function plainText(text: string, max: number): string {
  return truncate(stripControl(text).replace(/\s+/g, ' ').trim(), max);
}

/**
 * What opens emphasis, code, a link or raw HTML anywhere in a line, and a backslash that would
 * escape the punctuation after it (`D:\data` is left alone).
 */
const INLINE_SYNTAX = /\\(?=[!-/:-@[-`{-~])|[*`[\]<~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** What opens a block at the start of a line: a heading, quote, list item or ordinal. */
const BLOCK_START = /^(\s*)(?:([#>+-])|(\d+)([.)]))/;

/**
 * A one-line value for a Fact (a sync group, a server, an HRESULT and its name): flattened and
 * cut like userText, but escaping only what would format on one line. Clients differ on whether
 * a Fact value is markdown; `rg-check` escaped everywhere would read `rg\-check` in those that
 * show it as text, while a hyphen or an underscore inside a word formats nothing in either.
 */
export function factText(text: string, max: number = MAX_USER_TEXT): string {
  const flat = truncate(stripControl(text).replace(/\s+/g, ' ').trim(), max);
  const escaped = flat
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(BLOCK_START, (_m, space: string, mark?: string, digits?: string, dot?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
    )
    .replace(/\$\{/g, '$\\{');
  return AUTOLINKS.reduce((t, [re, to]) => t.replace(re, to), escaped);
}

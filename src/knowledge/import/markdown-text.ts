/** Turns mdast nodes into plain text: links become their text, inline HTML lists become lines. */

/** The subset of mdast this importer reads; remark's own types are not shipped for v9. */
export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  lang?: string | null;
  depth?: number;
  ordered?: boolean;
  children?: MdNode[];
  position?: { start: { line: number }; end: { line: number } };
}

/** Marks where an HTML `<li>` began, so table cells keep their list structure. */
export const ITEM = '\u2022 ';

const BLOCK_HTML = /^<\/?(li|ul|ol|p|br|div)\b[^>]*\/?>$/i;

/** Plain text of an inline or block node. HTML `<li>`/`<br>` become line breaks. */
export function textOf(node: MdNode): string {
  switch (node.type) {
    case 'text':
      return node.value ?? '';
    case 'inlineCode':
      return '`' + (node.value ?? '') + '`';
    case 'break':
      return '\n';
    case 'html': {
      const tag = (node.value ?? '').trim();
      // A list item inside a table cell starts a new point; other block tags only break the line.
      if (/^<li\b/i.test(tag)) return `\n${ITEM}`;
      return BLOCK_HTML.test(tag) ? '\n' : '';
    }
    case 'code':
      return node.value ?? '';
    case 'image':
      return '';
    default:
      return (node.children ?? []).map(textOf).join('');
  }
}

/** Collapses runs of blanks, trims each line and drops empty ones. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/** Tidy text on one line. */
export function oneLine(text: string): string {
  return tidy(text).replace(/\n/g, ' ');
}

/** Every link URL inside a node. */
export function linksOf(node: MdNode, out: string[] = []): string[] {
  if (node.type === 'link' && node.url) out.push(node.url);
  for (const c of node.children ?? []) linksOf(c, out);
  return out;
}

/** Every code block inside a node (lists nest them). */
export function codeBlocksOf(node: MdNode, out: MdNode[] = []): MdNode[] {
  if (node.type === 'code') out.push(node);
  for (const c of node.children ?? []) codeBlocksOf(c, out);
  return out;
}

/** The `id` of each `<a id="…">` inside a node's direct children. */
export function anchorIdsOf(node: MdNode): string[] {
  const ids: string[] = [];
  for (const c of node.children ?? []) {
    if (c.type !== 'html') continue;
    for (const m of (c.value ?? '').matchAll(/<a\s+(?:name|id)\s*=\s*"([^"]+)"/gi)) ids.push(m[1]);
  }
  return ids;
}

/** Line of a node (1-based), or 0 when the parser gave none. */
export function lineOf(node: MdNode): number {
  return node.position?.start.line ?? 0;
}

import { anchorIdsOf, lineOf, oneLine, textOf, type MdNode } from './markdown-text';
import { slugify } from '../slug';

/** A tab marker (`# [Portal](#tab/portal1)`) kept in the flow of a section's content. */
export interface TabMarker {
  type: 'tab';
  label: string;
  line: number;
}
export type Block = MdNode | TabMarker;

/** A section of an article: a heading, or an anchored bold title (`<a id>**Title**`). */
export interface Section {
  title: string;
  style: 'root' | 'heading' | 'bold';
  /** Heading depth; a bold section sits half a level under its heading. */
  level: number;
  /** `<a id>` values of the title, then the heading slug (headings only). */
  ownAnchors: string[];
  line: number;
  blocks: Block[];
  children: Section[];
  parent: Section | null;
  /** Set when a bold title carries no anchor. */
  missingAnchor: boolean;
}

function isTabHeading(node: MdNode): string | null {
  const kids = (node.children ?? []).filter((c) => !(c.type === 'text' && !c.value?.trim()));
  if (kids.length === 1 && kids[0].type === 'link' && /^#tab\//.test(kids[0].url ?? '')) {
    return oneLine(textOf(kids[0]));
  }
  return null;
}

const isAnchorHtml = (n: MdNode) => n.type === 'html' && /^<\/?a\b/i.test((n.value ?? '').trim());
const isBlank = (n: MdNode) => n.type === 'text' && !(n.value ?? '').trim();

/** Looks like the `| Error | Code |` table of a session error. */
export function isCodeTable(node: MdNode | undefined): boolean {
  if (!node || node.type !== 'table') return false;
  const rows = node.children ?? [];
  const header = (rows[0]?.children ?? []).map((c) => oneLine(textOf(c)).toLowerCase());
  const firstKey = oneLine(textOf(rows[1]?.children?.[0] ?? { type: 'text' })).toLowerCase();
  return (
    header.length === 2 &&
    (header.join('|') === 'error|code' || header.join('|') === '|' || firstKey === 'hresult')
  );
}

interface BoldTitle {
  title: string;
  anchors: string[];
  /** Inline content that followed the title in the same paragraph (after a hard break). */
  rest: MdNode[];
}

/** A paragraph that opens with anchors and a bold title, then nothing or a hard break. */
function boldTitleOf(node: MdNode): BoldTitle | null {
  if (node.type !== 'paragraph') return null;
  const kids = node.children ?? [];
  let i = 0;
  while (i < kids.length && (isAnchorHtml(kids[i]) || isBlank(kids[i]))) i++;
  if (kids[i]?.type !== 'strong') return null;
  const strong = kids[i];
  let j = i + 1;
  while (j < kids.length && isBlank(kids[j])) j++;
  if (j < kids.length && kids[j].type !== 'break') return null;
  const title = oneLine(textOf(strong));
  if (!title) return null;
  return { title, anchors: anchorIdsOf(node), rest: kids.slice(j + 1) };
}

function newSection(
  title: string,
  style: Section['style'],
  level: number,
  anchors: string[],
  line: number,
  parent: Section | null,
): Section {
  return {
    title,
    style,
    level,
    ownAnchors: anchors,
    line,
    blocks: [],
    children: [],
    parent,
    missingAnchor: false,
  };
}

/** Builds the section tree of one article from its top-level mdast nodes. */
export function splitSections(nodes: MdNode[], fallbackTitle: string): Section {
  const root = newSection(fallbackTitle, 'root', 1, [], 1, null);
  let sawTitle = false;
  const stack: Section[] = [root];
  const top = () => stack[stack.length - 1];

  nodes.forEach((node, index) => {
    if (node.type === 'heading') {
      const tab = isTabHeading(node);
      if (tab !== null) {
        top().blocks.push({ type: 'tab', label: tab, line: lineOf(node) });
        return;
      }
      const title = oneLine(textOf(node));
      const anchors = [...anchorIdsOf(node), slugify(title)];
      if (node.depth === 1 && !sawTitle && stack.length === 1) {
        sawTitle = true;
        root.title = title;
        root.ownAnchors = anchors;
        root.line = lineOf(node);
        return;
      }
      const depth = Math.max(2, node.depth ?? 2);
      while (stack.length > 1 && (top().style === 'bold' || top().level >= depth)) stack.pop();
      const s = newSection(title, 'heading', depth, anchors, lineOf(node), top());
      top().children.push(s);
      stack.push(s);
      return;
    }
    const bold = boldTitleOf(node);
    if (bold && (bold.anchors.length > 0 || isCodeTable(nodes[index + 1]))) {
      while (stack.length > 1 && top().style === 'bold') stack.pop();
      const parent = top();
      const s = newSection(
        bold.title,
        'bold',
        parent.level + 0.5,
        bold.anchors,
        lineOf(node),
        parent,
      );
      s.missingAnchor = bold.anchors.length === 0;
      parent.children.push(s);
      stack.push(s);
      if (bold.rest.some((n) => !isBlank(n))) {
        s.blocks.push({ type: 'paragraph', children: bold.rest, position: node.position });
      }
      return;
    }
    top().blocks.push(node);
  });
  return root;
}

/** Every section below `root`, depth first, in document order. */
export function allSections(root: Section): Section[] {
  const out: Section[] = [];
  const walk = (s: Section) => {
    for (const c of s.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Reading cards back in tests: nodes by type or id, the texts people see, markdown as parsed. */
import unified from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { AdaptiveCard, CardNode } from '../../src/cards/types';

const isNode = (x: unknown): x is CardNode =>
  typeof x === 'object' && x !== null && typeof (x as CardNode).type === 'string';

/** Every node of a card (body and actions, fallbacks included), depth first. */
export function nodesOf(root: unknown): CardNode[] {
  const out: CardNode[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === 'object' && x !== null) {
      if (isNode(x)) out.push(x);
      for (const [k, v] of Object.entries(x)) if (k !== 'data') walk(v);
    }
  };
  walk(root);
  return out;
}

export const ofType = (root: unknown, type: string): CardNode[] =>
  nodesOf(root).filter((n) => n.type === type);

export function byId(card: AdaptiveCard, id: string): CardNode {
  const n = nodesOf(card.body).find((x) => x.id === id);
  if (!n) throw new Error(`no element with id ${id}`);
  return n;
}

export const hasId = (card: AdaptiveCard, id: string): boolean =>
  nodesOf(card.body).some((x) => x.id === id);

/** Markdown texts (TextBlocks and facts) and plain texts (TextRuns) of a card or element. */
export function textsOf(root: unknown): string[] {
  const out: string[] = [];
  for (const n of nodesOf(root)) {
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string')
      out.push(n.text);
    if (n.type === 'FactSet')
      for (const f of n.facts as { title: string; value: string }[]) out.push(f.title, f.value);
  }
  return out;
}

/** All text of a card as one string, for `toContain`. */
export const allText = (root: unknown): string => textsOf(root).join('\n');

/** The actions of a card, its ActionSets included. */
export const actionsOf = (root: unknown): CardNode[] =>
  nodesOf(root).filter((n) => n.type.startsWith('Action.'));

/** Markdown a TextBlock's text renders as: the set of mdast node types (CommonMark + GFM). */
const parser = unified().use(remarkParse).use(remarkGfm);
export function markdownTypes(text: string): string[] {
  const types = new Set<string>();
  const walk = (n: { type: string; children?: unknown[] }) => {
    types.add(n.type);
    (n.children as { type: string }[] | undefined)?.forEach(walk);
  };
  walk(parser.parse(text) as never);
  return [...types].sort();
}

/** What a CommonMark renderer shows for escaped text: backslash escapes removed. */
export const unescapeMarkdown = (text: string): string =>
  text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u00a0/g, ' ');

/** Node types plain text parses to; anything else (link, emphasis, list …) is formatting. */
const PLAIN = new Set(['root', 'paragraph', 'text']);

/** The markdown constructs a text would render with, beyond plain paragraphs of text. */
export const formattingIn = (text: string): string[] =>
  markdownTypes(text).filter((t) => !PLAIN.has(t));

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
}

const textOf = (n: MdNode): string => n.value ?? (n.children ?? []).map(textOf).join('');

/**
 * Links whose visible text is not their own address: markdown links, references, images and
 * HTML tags. A bare address a client auto-links shows where it goes and is not counted.
 */
export function disguisedLinks(text: string): string[] {
  const out: string[] = [];
  const walk = (n: MdNode) => {
    if (n.type === 'link') {
      const shown = textOf(n);
      const bare = (n.url ?? '').replace(/^(mailto:|http:\/\/(?=www\.))/, '');
      if (shown !== n.url && shown !== bare) out.push(`[${shown}](${n.url})`);
    }
    if (['image', 'linkReference', 'imageReference', 'definition'].includes(n.type))
      out.push(n.type);
    // NOTE: GFM's autolink literal swallows the backslash of a following `\<`, so escaped
    // `<a href="https://x">y</a>` still parses with a bare `</a>`: a closing tag opens nothing
    // (and Teams renders no HTML in cards). An opening tag would be a defect.
    if (n.type === 'html' && /^<[a-z]/i.test(n.value ?? '')) out.push(n.value ?? 'html');
    n.children?.forEach(walk);
  };
  walk(parser.parse(text) as unknown as MdNode);
  return out;
}

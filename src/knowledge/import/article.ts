import { basename } from 'node:path';
import unified from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Audience, Product } from '../schema';
import { readContent } from './content';
import { Diagnostics } from './diagnostics';
import { anchorsOf, DraftContext, type ArticleInfo, type Draft } from './draft-context';
import { isoDate, readFrontMatter } from './front-matter';
import type { MdNode } from './markdown-text';
import { isMarsErrorSection, marsDraft } from './mars-drafts';
import { sectionDraft, substantial } from './section-drafts';
import { allSections, splitSections } from './sections';
import { healthDrafts, perItemDrafts } from './table-drafts';
import { readCodeTable, type CodeRow } from './tables';

export type { ArticleInfo, Draft };

/** Where an article lives publicly and which product it covers (from knowledge/sources.json). */
export interface SourceInfo {
  title: string;
  url: string | null;
  date?: string | null;
  product: Product;
}

export interface ImportedArticle {
  article: ArticleInfo;
  drafts: Draft[];
  diagnostics: Diagnostics;
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Link lists at the end of articles carry no knowledge of their own. */
const NAVIGATION = /^(see also|next steps?|related (content|articles))$/i;

/** Reports text that is not an article at all (binary, control bytes). */
function checkText(text: string, diag: Diagnostics): boolean {
  // eslint-disable-next-line no-control-regex -- finding control bytes is the point
  const bad = /[\u0000-\u0008\u000e-\u001f\ufffd]/.exec(text);
  if (!bad) return true;
  const line = text.slice(0, bad.index).split('\n').length;
  const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
  diag.error(line, `not a markdown text file: control or undecodable byte U+${code}`);
  return false;
}

/**
 * A line that is only `<br>` would open an HTML block that swallows the markdown after it (lists,
 * paragraphs) up to the next blank line: internal guides separate their parts so. Such a line is a
 * paragraph break. Tables keep theirs (they are read as cell line breaks).
 */
export function openBlockBreaks(body: string): string {
  return body.replace(/^[ \t]*(?:<br\s*\/?>\s*)+$/gim, '');
}

/** Internal guides (`selfHelpType="TSG_Content"`) are written for Microsoft support engineers. */
function audienceOf(fields: Record<string, string>): Audience {
  return /^TSG/i.test(fields.selfHelpType ?? '') ? 'support' : 'customer';
}

function guessProduct(title: string): Product {
  return /recovery services|\bMARS\b|azure backup|backup agent/i.test(title)
    ? 'mars-agent'
    : 'azure-file-sync';
}

/** Parses one article into entry drafts and diagnostics. */
export function importArticle(
  path: string,
  text: string,
  sources: Record<string, SourceInfo>,
): ImportedArticle {
  const file = basename(path);
  const diag = new Diagnostics(file);
  const fm = readFrontMatter(text);
  if (!checkText(text, diag)) {
    const article: ArticleInfo = {
      file,
      title: file,
      url: null,
      date: null,
      product: 'azure-file-sync',
      audience: 'customer',
    };
    return { article, drafts: [], diagnostics: diag };
  }

  const tree = parser.parse(openBlockBreaks(fm.body)) as unknown as MdNode;
  const root = splitSections(tree.children ?? [], fm.fields.title ?? file);
  const src = sources[root.title];
  const article: ArticleInfo = {
    file,
    title: root.title,
    url: src?.url ?? null,
    date: src?.date ?? isoDate(fm.fields['ms.date']),
    product: src?.product ?? guessProduct(root.title),
    audience: audienceOf(fm.fields),
  };
  if (!src)
    diag.warn(root.line, `article "${root.title}" is not in knowledge/sources.json: no public URL`);
  if (root.ownAnchors.length === 0) diag.warn(1, 'article has no H1 title');

  const ctx = new DraftContext(article, diag);
  for (const s of [root, ...allSections(root)]) {
    if (NAVIGATION.test(s.title)) continue;
    ctx.enter(s);
    const before = diag.items.length;
    const content = readContent(s.blocks, diag);
    const onlyInclude =
      !substantial(content) &&
      diag.items.slice(before).some((d) => d.message.startsWith('unresolved include'));
    const anchors = s === root ? [...root.ownAnchors] : anchorsOf(s);
    if (s.missingAnchor)
      diag.warn(s.line, `section "${s.title}" has no anchor; its id comes from its title`);
    const codeRows: CodeRow[] = [];
    for (const t of content.tables) {
      if (t.kind === 'codes') codeRows.push(...readCodeTable(t.node, diag));
      else if (t.kind === 'per-item') perItemDrafts(ctx, t.node, s, anchors);
      else if (t.kind === 'health') healthDrafts(ctx, t.node, s, anchors);
    }
    if (article.product === 'mars-agent' && isMarsErrorSection(s, content))
      marsDraft(ctx, s, content, anchors);
    else sectionDraft(ctx, s, content, anchors, codeRows, onlyInclude);
  }
  return { article, drafts: ctx.drafts, diagnostics: diag };
}

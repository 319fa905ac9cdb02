import unified from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { basename } from 'node:path';
import type { Code, Entry, EntryKind, Product } from '../schema';
import { slugify } from '../slug';
import { readContent, type SectionContent } from './content';
import { Diagnostics } from './diagnostics';
import { isoDate, readFrontMatter } from './front-matter';
import { linksOf, oneLine, type MdNode } from './markdown-text';
import { extractEscalation, inferRemediation, kindFromTitle } from './rules';
import { allSections, splitSections, type Section } from './sections';
import { readCode, readCodeTable, readRecords, type CodeRow } from './tables';
import { marsCodesIn } from './mars-codes';

/** Where an article lives publicly and which product it covers (from knowledge/sources.json). */
export interface SourceInfo {
  title: string;
  url: string | null;
  date?: string | null;
  product: Product;
}

export interface ArticleInfo {
  file: string;
  title: string;
  url: string | null;
  date: string | null;
  product: Product;
}

/** An entry before ids, merging and link resolution. */
export interface Draft {
  /** What identifies "the same entry" in another version of the article. */
  key: string;
  /** Slug of the heading the section sits under: the part of the article it belongs to. */
  area: string;
  entry: Omit<Entry, 'id' | 'related'>;
  links: string[];
  article: ArticleInfo;
  order: number;
}

export interface ImportedArticle {
  article: ArticleInfo;
  drafts: Draft[];
  diagnostics: Diagnostics;
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Reports text that is not an article at all (binary, control bytes). */
function checkText(text: string, diag: Diagnostics): boolean {
  // eslint-disable-next-line no-control-regex -- finding control bytes is the point
  const bad = /[\u0000-\u0008\u000e-\u001f\ufffd]/.exec(text);
  if (!bad) return true;
  const line = text.slice(0, bad.index).split('\n').length;
  diag.error(
    line,
    `not a markdown text file: control or undecodable byte U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return false;
}

function guessProduct(title: string): Product {
  return /recovery services|\bMARS\b|azure backup|backup agent/i.test(title)
    ? 'mars-agent'
    : 'azure-file-sync';
}

function fromRow(row: CodeRow, remediationText: string, product: Product): Code {
  const inferred = row.flag ? null : inferRemediation(remediationText, product);
  return {
    hresult: row.hresult,
    decimal: row.decimal,
    errorString: row.errorString,
    marsId: null,
    aliases: row.badDecimals,
    remediationRequired: row.flag ?? inferred!.flag,
    remediationSource: row.flag ? 'stated' : 'inferred',
    remediationRule: inferred?.rule ?? null,
    olderAgentOnly: false,
  };
}

/** Anchors of a section: its own, then those of every section nested in it (headings only). */
function anchorsOf(s: Section): string[] {
  const out = [...s.ownAnchors];
  if (s.style !== 'bold') for (const c of s.children) out.push(...anchorsOf(c));
  return [...new Set(out)];
}

function areaOf(s: Section): string {
  let p: Section | null = s.style === 'bold' ? s.parent : s;
  while (p && p.style === 'bold') p = p.parent;
  return p ? slugify(p.title) : '';
}

function pathTitles(s: Section): string[] {
  const out: string[] = [];
  for (let p = s.parent; p; p = p.parent) out.unshift(p.title);
  return out;
}

/** Link lists at the end of articles carry no knowledge of their own. */
const NAVIGATION = /^(see also|next steps?|related (content|articles))$/i;

const substantial = (c: SectionContent) =>
  c.tables.length > 0 || c.commands.length > 0 || c.steps.length > 0 || c.text.length >= 140;

/** Parses one article into entry drafts and diagnostics. */
export function importArticle(
  path: string,
  text: string,
  sources: Record<string, SourceInfo>,
): ImportedArticle {
  const file = basename(path);
  const diag = new Diagnostics(file);
  const fm = readFrontMatter(text);
  const empty: ArticleInfo = {
    file,
    title: file,
    url: null,
    date: null,
    product: 'azure-file-sync',
  };
  if (!checkText(text, diag)) return { article: empty, drafts: [], diagnostics: diag };

  const tree = parser.parse(fm.body) as unknown as MdNode;
  const root = splitSections(tree.children ?? [], fm.fields.title ?? file);
  const src = sources[root.title];
  const article: ArticleInfo = {
    file,
    title: root.title,
    url: src?.url ?? null,
    date: src?.date ?? isoDate(fm.fields['ms.date']),
    product: src?.product ?? guessProduct(root.title),
  };
  if (!src)
    diag.warn(root.line, `article "${root.title}" is not in knowledge/sources.json: no public URL`);
  if (root.ownAnchors.length === 0) diag.warn(1, 'article has no H1 title');

  const drafts: Draft[] = [];
  let order = 0;
  let area = '';
  const push = (key: string, entry: Draft['entry'], links: string[]) =>
    drafts.push({ key, area, entry, links, article, order: order++ });

  const base = (s: Section, kind: EntryKind, title: string, anchors: string[], line: number) => ({
    product: article.product,
    kind,
    title,
    source: {
      article: article.title,
      file,
      url: article.url,
      anchor: anchors[0] ?? null,
      date: article.date,
      line,
    },
    alsoIn: [],
    keywords: pathTitles(s).slice(1),
    anchors,
    warnings: [] as string[],
  });

  for (const s of [root, ...allSections(root)]) {
    if (NAVIGATION.test(s.title)) continue;
    area = areaOf(s);
    const includes = diag.items.length;
    const content = readContent(s.blocks, diag);
    const onlyInclude =
      !substantial(content) &&
      diag.items.slice(includes).some((d) => d.message.startsWith('unresolved include'));
    const anchors = s === root ? [...root.ownAnchors] : anchorsOf(s);
    if (s.missingAnchor)
      diag.warn(s.line, `section "${s.title}" has no anchor; its id comes from its title`);
    const codeRows: CodeRow[] = [];
    let hasMarsTable = false;
    for (const t of content.tables) {
      if (t.kind === 'codes') codeRows.push(...readCodeTable(t.node, diag));
      else if (t.kind === 'per-item') pushPerItem(t.node, s, anchors);
      else if (t.kind === 'health') pushHealth(t.node, s, anchors);
      else if (t.kind === 'mars') hasMarsTable = true;
    }

    if (
      article.product === 'mars-agent' &&
      (hasMarsTable || marsCodesIn(s.title + '\n' + content.text).length)
    ) {
      pushMars(s, content, anchors);
      continue;
    }
    const tableCodes = codeRows.length;
    codeRows.push(...titleCodes(s.title, s.line));
    if (codeRows.length === 0 && !substantial(content) && !onlyInclude) continue;
    if (s === root && content.text.length < 140) continue;

    const kind: EntryKind =
      tableCodes > 0 ? 'session-error' : s === root ? 'overview' : kindFromTitle(s.title);
    const [cause, ...rest] = content.paragraphs;
    const prose = content.text;
    const codes = codeRows.map((r) => fromRow(r, prose, article.product));
    const firstFlag = codes[0]?.remediationRequired ?? null;
    const entry = {
      ...base(s, kind, s.title, anchors, s.line),
      codes,
      cause: cause ?? '',
      remediation: {
        steps: content.steps,
        commands: content.commands,
        notes: [...rest, ...content.callouts],
      },
      escalation: extractEscalation(prose, article.product, kind, firstFlag),
    };
    if (s.missingAnchor) entry.warnings.push('section has no anchor in the article');
    if (onlyInclude) {
      entry.warnings.push(
        'the article takes this answer from an include file that is not among the sources',
      );
      if (!entry.cause)
        entry.cause =
          'The article answers this through an included file that is not part of the knowledge sources; open the source article.';
    }
    push(`section:${anchors[0] ?? slugify(s.title)}`, entry, content.links);
  }

  /** Codes a title names: `"MgmtServerJobFailed" (Error code: -2134375898)`. */
  function titleCodes(title: string, line: number): CodeRow[] {
    const dec = /error code:?\s*(-?\d{9,10})/i.exec(title)?.[1] ?? '';
    const names = [...title.matchAll(/"([A-Z][A-Za-z]+[a-z][A-Z][A-Za-z]+)"/g)].map((m) => m[1]);
    if (dec) {
      const row = readCode('', dec, names[0] ?? '', '', line, diag);
      return row ? [row] : [];
    }
    return names.map((n) => ({
      hresult: null,
      decimal: null,
      errorString: n,
      badDecimals: [],
      flag: null,
      line,
    }));
  }

  function pushPerItem(table: MdNode, s: Section, anchors: string[]) {
    for (const rec of readRecords(table, diag)) {
      const c = rec.cells;
      const row = readCode(
        c.hresult ?? '',
        c['hresult (decimal)'] ?? '',
        c['error string'] ?? '',
        '',
        rec.line,
        diag,
      );
      if (!row) continue;
      const issue = oneLine(c.issue ?? '');
      const remedy = oneLine(c.remediation ?? '');
      const code = fromRow(row, remedy, article.product);
      const links = rec.raw.flatMap((cell) => linksOf(cell));
      push(
        `item:${row.hresult ?? row.errorString}`,
        {
          ...base(
            s,
            'per-item-error',
            firstSentence(issue) || row.errorString || row.hresult || 'Per-item error',
            anchors,
            rec.line,
          ),
          codes: [code],
          cause: issue,
          remediation: { steps: remedy ? [remedy] : [], commands: [], notes: [] },
          escalation: extractEscalation(
            remedy,
            article.product,
            'per-item-error',
            code.remediationRequired,
          ),
        },
        links,
      );
    }
  }

  function pushHealth(table: MdNode, s: Section, anchors: string[]) {
    for (const rec of readRecords(table, diag)) {
      const status = oneLine(rec.cells['health status'] ?? '');
      const description = oneLine(rec.cells.description ?? '');
      const remedy = oneLine(rec.cells.remediation ?? '');
      const inferred = inferRemediation(remedy, article.product);
      push(
        `health:${slugify(status)}`,
        {
          ...base(
            s,
            'health-status',
            `Server endpoint health status: ${status}`,
            anchors,
            rec.line,
          ),
          codes: [],
          cause: description,
          remediation: {
            steps: remedy && remedy !== 'N/A' ? [remedy] : [],
            commands: [],
            notes: [],
          },
          escalation: extractEscalation(remedy, article.product, 'health-status', inferred.flag),
          keywords: [...pathTitles(s).slice(1), s.title, `health status ${status}`],
        },
        rec.raw.flatMap((cell) => linksOf(cell)),
      );
    }
  }

  function pushMars(s: Section, content: SectionContent, anchors: string[]) {
    const causes: string[] = [];
    const steps: string[] = [];
    const errors: string[] = [];
    for (const t of content.tables.filter((x) => x.kind === 'mars')) {
      for (const rec of readRecords(t.node, diag)) {
        for (const [h, v] of Object.entries(rec.cells)) {
          if (!v) continue;
          if (/^recommended actions?$/.test(h))
            steps.push(
              ...v
                .split('\n')
                .map((x) => x.replace(/^[-•]\s*/, ''))
                .filter(Boolean),
            );
          else if (/cause/.test(h)) causes.push(oneLine(v));
          else errors.push(oneLine(v));
        }
      }
    }
    const allText = [s.title, ...errors, content.text].join('\n');
    const codes: Code[] = marsCodesIn(allText).map((id) => marsCode(id, null));
    if (s.style === 'heading' && /^[A-Z][a-z]+(?:[A-Z][a-z0-9]+){2,}$/.test(s.title))
      codes.push(marsCode(null, s.title));
    const kind: EntryKind =
      codes.length > 0 || errors.length > 0 ? 'mars-error' : kindFromTitle(s.title);
    const cause =
      [...errors.map((e) => `Error: ${e}`), ...causes].join('\n') || content.paragraphs[0] || '';
    const prose = [content.text, ...steps].join('\n');
    push(
      `section:${anchors[0] ?? slugify(s.title)}`,
      {
        ...base(s, kind, s.title, anchors, s.line),
        codes,
        cause,
        remediation: {
          steps: [...steps, ...content.steps],
          commands: content.commands,
          notes: [...content.paragraphs.filter((p) => !cause.includes(p)), ...content.callouts],
        },
        escalation: extractEscalation(prose, article.product, kind, codes.length ? 'Yes' : null),
      },
      content.links,
    );
  }

  function marsCode(id: string | null, name: string | null): Code {
    const inferred = inferRemediation('', 'mars-agent');
    return {
      hresult: null,
      decimal: null,
      errorString: name,
      marsId: id,
      aliases: [],
      remediationRequired: inferred.flag,
      remediationSource: 'inferred',
      remediationRule: inferred.rule,
      olderAgentOnly: false,
    };
  }

  return { article, drafts, diagnostics: diag };
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return (m ? m[1] : text).trim();
}

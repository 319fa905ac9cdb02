import type { Audience, Code, Entry, EntryKind, Product } from '../schema';
import { slugify } from '../slug';
import type { Diagnostics } from './diagnostics';
import { inferRemediation } from './rules';
import type { Section } from './sections';
import type { CodeRow } from './tables';

export interface ArticleInfo {
  file: string;
  title: string;
  url: string | null;
  date: string | null;
  product: Product;
  /** Who the article is written for (from its metadata); not part of the index's article list. */
  audience?: Audience;
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
  /** Titles of the sections the entry's text sits in, outermost first (`withinOf`). */
  within: string[];
}

type EntryBase = Pick<
  Draft['entry'],
  | 'product'
  | 'kind'
  | 'title'
  | 'source'
  | 'alsoIn'
  | 'keywords'
  | 'anchors'
  | 'warnings'
  | 'audience'
>;

/** Anchors of a section: its own, then those of every section nested in it (headings only). */
export function anchorsOf(s: Section): string[] {
  const out = [...s.ownAnchors];
  if (s.style !== 'bold') for (const c of s.children) out.push(...anchorsOf(c));
  return [...new Set(out)];
}

/**
 * Titles of the sections an entry's text sits in, outermost first, below the article's own: a
 * section's entry sits in its parents, a table row's (`title` other than the section's) in the
 * section that holds the table too.
 */
export function withinOf(s: Section, title: string): string[] {
  const path = pathTitles(s).slice(1);
  return title === s.title ? path : [...path, s.title];
}

/** Titles of the sections a section sits in, outermost first. */
export function pathTitles(s: Section): string[] {
  const out: string[] = [];
  for (let p = s.parent; p; p = p.parent) out.unshift(p.title);
  return out;
}

function areaOf(s: Section): string {
  let p: Section | null = s.style === 'bold' ? s.parent : s;
  while (p && p.style === 'bold') p = p.parent;
  return p ? slugify(p.title) : '';
}

/** A table row's code, with the remediation flag inferred when the article does not state it. */
export function codeFromRow(row: CodeRow, remediationText: string, product: Product): Code {
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

/** What the draft builders of one article share: where drafts go and how they start. */
export class DraftContext {
  readonly drafts: Draft[] = [];
  private area = '';

  constructor(
    readonly article: ArticleInfo,
    readonly diag: Diagnostics,
  ) {}

  /** Drafts pushed from now on belong to this section's part of the article. */
  enter(s: Section): void {
    this.area = areaOf(s);
  }

  push(key: string, entry: Draft['entry'], links: string[], within: string[]): void {
    const { area, article } = this;
    this.drafts.push({ key, area, entry, links, article, order: this.drafts.length, within });
  }

  /** The fields every entry of this article starts with. */
  base(s: Section, kind: EntryKind, title: string, anchors: string[], line: number): EntryBase {
    const a = this.article;
    return {
      product: a.product,
      kind,
      title,
      source: {
        article: a.title,
        file: a.file,
        url: a.url,
        anchor: anchors[0] ?? null,
        date: a.date,
        line,
      },
      alsoIn: [],
      keywords: pathTitles(s).slice(1),
      anchors,
      warnings: [],
      audience: a.audience ?? 'customer',
    };
  }
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeIndex, type Entry } from '../schema';
import { importArticle, type SourceInfo } from './article';
import { formatDiagnostic, type Diagnostic } from './diagnostics';
import { markSuperseded } from './currency';
import { assignIds, mergeDrafts, relateFirst, resolveRelated } from './merge';
import { applySafety } from './safety';
import { assignRunFirst } from './run-first';
import type { Draft } from './draft-context';

/** Largest article the importer reads; Microsoft Learn articles are far smaller. */
export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

export interface BuildResult {
  /** Null when any error was found: nothing may be written then. */
  index: KnowledgeIndex | null;
  diagnostics: Diagnostic[];
  report: string;
}

/** Article files named by the user: files as given, folders expanded to their .md/.txt files. */
export function listArticles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort())
        if (/\.(md|txt|markdown)$/i.test(f)) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

function tally<T>(items: T[], key: (t: T) => string): string {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()]
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** The importer's report: entries by product and kind, codes, and every diagnostic. */
export function reportOf(entries: Entry[], diagnostics: Diagnostic[], articles: number): string {
  const codes = entries.flatMap((e) => e.codes);
  const hex = new Set(codes.map((c) => c.hresult).filter(Boolean));
  const mars = new Set(codes.map((c) => c.marsId).filter(Boolean));
  const names = new Set(
    codes
      .flatMap((c) => [c.errorString, ...c.aliases.filter((a) => !/^-?\d+$/.test(a))])
      .filter(Boolean),
  );
  const inferred = codes.filter((c) => c.remediationSource === 'inferred').length;
  const lines = [
    `articles: ${articles}`,
    `entries: ${entries.length}`,
    `by product: ${tally(entries, (e) => e.product)}`,
    `by kind: ${tally(entries, (e) => e.kind)}`,
    `codes: ${hex.size} distinct HRESULTs, ${mars.size} MARS ids, ${names.size} error strings`,
    `remediation flags: ${codes.length - inferred} stated, ${inferred} inferred`,
    `older-agent codes: ${
      codes
        .filter((c) => c.olderAgentOnly)
        .map((c) => c.hresult ?? c.marsId)
        .join(', ') || 'none'
    }`,
    `warnings: ${diagnostics.filter((d) => d.severity === 'warning').length}`,
    `errors: ${diagnostics.filter((d) => d.severity === 'error').length}`,
    ...diagnostics.map(formatDiagnostic),
  ];
  return lines.join('\n');
}

/** Key of an entry in knowledge/phrasings.json: its primary anchor, `health:<status>` or `item:<hresult>`. */
export function phrasingKey(e: Pick<Entry, 'kind' | 'title' | 'codes' | 'source'>): string | null {
  if (e.kind === 'health-status')
    return (
      'health:' +
      e.title
        .replace(/^.*:\s*/, '')
        .toLowerCase()
        .replace(/\s+/g, '-')
    );
  if (e.kind === 'per-item-error') return e.codes[0]?.hresult ? `item:${e.codes[0].hresult}` : null;
  return e.source.anchor;
}

/**
 * Headings an entry sits under are its keywords ("Cloud tiering", "Sync errors"), unless such a
 * heading is another entry's own title ("How do I monitor sync health?" above the health-status
 * table): that entry answers it, and its sections would each claim it as their own words too.
 */
function dropOthersTitles(entries: Entry[]): void {
  const titled = new Map(entries.map((e) => [e.title.toLowerCase(), e]));
  for (const e of entries) {
    e.keywords = e.keywords.filter((k) => {
      const owner = titled.get(k.toLowerCase());
      return !owner || owner === e;
    });
  }
}

/**
 * The entry each one is part of (`partOf`): the nearest section it sits in, in its own article,
 * that is an entry of its own ("Scenario 2: I want to delete server endpoint…" for its steps, "How
 * do I monitor sync health?" for the rows of its health-status table). That entry comes first
 * among its related ones, after the deprovision guide of a destructive one.
 */
function assignPartOf(drafts: readonly Draft[], entries: Entry[]): void {
  // Titles compared as `dropOthersTitles` compares them: a heading and a title in other cases are one.
  const byTitle = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = e.title.toLowerCase();
    byTitle.set(key, [...(byTitle.get(key) ?? []), e]);
  }
  entries.forEach((e, i) => {
    const { within } = drafts[i];
    let whole: Entry | undefined;
    for (let k = within.length - 1; k >= 0 && !whole; k--)
      whole = byTitle
        .get(within[k].toLowerCase())
        ?.find((o) => o !== e && o.source.file === e.source.file);
    if (!whole) return;
    e.partOf = whole.id;
    relateFirst(e, whole.id);
  });
}

/**
 * Imports, merges and validates articles. Deterministic: same input, same index.
 * `phrasings` adds curated alternate phrasings to the entries they name.
 */
export function buildIndex(
  files: string[],
  sources: Record<string, SourceInfo>,
  phrasings: Record<string, string[]> = {},
): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const imported = files.map((f) => {
    const size = statSync(f).size;
    if (size > MAX_ARTICLE_BYTES) {
      diagnostics.push({
        severity: 'error',
        file: f,
        line: 1,
        message: `file is ${size} bytes; the limit is ${MAX_ARTICLE_BYTES}`,
      });
      return null;
    }
    const a = importArticle(f, readFileSync(f, 'utf8'), sources);
    diagnostics.push(...a.diagnostics.items);
    return a;
  });
  const articles = imported.filter((a) => a !== null);
  const mergeNotes: string[] = [];
  const merged = mergeDrafts(
    articles.flatMap((a) => a.drafts),
    (m) => mergeNotes.push(m),
  );
  for (const m of mergeNotes)
    diagnostics.push({ severity: 'warning', file: 'merge', line: 1, message: m });
  const ids = assignIds(merged);
  const related = resolveRelated(merged, ids);
  const entries: Entry[] = merged.map((d, i) => ({ id: ids[i], ...d.entry, related: related[i] }));
  markSuperseded(merged, ids, entries);
  applySafety(entries);
  dropOthersTitles(entries);
  assignPartOf(merged, entries);
  assignRunFirst(entries);
  const used = new Set<string>();
  for (const e of entries) {
    const key = phrasingKey(e);
    const extra = key ? phrasings[key] : undefined;
    if (!extra || !key) continue;
    used.add(key);
    for (const p of extra) if (!e.keywords.includes(p)) e.keywords.push(p);
  }
  for (const key of Object.keys(phrasings).sort()) {
    if (!used.has(key))
      diagnostics.push({
        severity: 'warning',
        file: 'phrasings.json',
        line: 1,
        message: `no entry has the key ${key}`,
      });
  }
  const report = reportOf(entries, diagnostics, articles.length);
  if (diagnostics.some((d) => d.severity === 'error')) return { index: null, diagnostics, report };
  const candidate = {
    schemaVersion: 1 as const,
    articles: articles.map(({ article: { file, title, url, date, product } }) => ({
      file,
      title,
      url,
      date,
      product,
    })),
    entries,
    warnings: diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic),
  };
  const parsed = KnowledgeIndex.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      diagnostics.push({
        severity: 'error',
        file: 'index',
        line: 1,
        message: `${issue.path.join('.')}: ${issue.message}`,
      });
    }
    return { index: null, diagnostics, report: reportOf(entries, diagnostics, articles.length) };
  }
  return { index: parsed.data, diagnostics, report };
}

/** The index as written to disk: stable key order, two-space indent, final newline. */
export function serializeIndex(index: KnowledgeIndex): string {
  return JSON.stringify(index, null, 2) + '\n';
}

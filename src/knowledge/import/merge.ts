import type { Code, Entry } from '../schema';
import type { Draft } from './article';

/** A kept draft, with the older versions folded into it. */
export type MergedDraft = Draft & { entry: Draft['entry']; folded?: Draft[] };

const isPerItem = (d: Draft) => d.entry.kind === 'per-item-error';

/** Newest article first; an article without a date counts as newest (it is not a versioned copy). */
function byDateDesc(a: Draft, b: Draft): number {
  const da = a.article.date ?? '9999-12-31';
  const db = b.article.date ?? '9999-12-31';
  return da === db ? 0 : da < db ? 1 : -1;
}

function mergeCodes(into: Draft, older: Draft, warn: (m: string) => void): void {
  for (const oc of older.entry.codes) {
    const nc = into.entry.codes.find((c) => c.hresult !== null && c.hresult === oc.hresult);
    if (!nc) continue;
    if (
      oc.errorString &&
      nc.errorString &&
      oc.errorString !== nc.errorString &&
      !nc.aliases.includes(oc.errorString)
    ) {
      nc.aliases.push(oc.errorString);
      warn(
        `${nc.hresult}: renamed ${oc.errorString} -> ${nc.errorString} (older name kept as an alias)`,
      );
    }
    for (const a of oc.aliases) if (!nc.aliases.includes(a)) nc.aliases.push(a);
    if (oc.remediationRequired !== nc.remediationRequired) {
      warn(
        `${nc.hresult}: remediation required ${oc.remediationRequired} in ${older.article.file}, ${nc.remediationRequired} in ${into.article.file}; newer kept`,
      );
    }
  }
}

function absorb(into: MergedDraft, older: Draft): void {
  for (const a of older.entry.anchors)
    if (!into.entry.anchors.includes(a)) into.entry.anchors.push(a);
  into.entry.alsoIn.push(older.entry.source);
  for (const k of older.entry.keywords)
    if (!into.entry.keywords.includes(k)) into.entry.keywords.push(k);
  // NOTE: the older version's links stay behind: the newer article decides what it points to
  // (2019 links to "allow access from all networks" must not reach a 2024 answer).
  (into.folded ??= []).push(older);
}

/**
 * Merges drafts from several article versions. The newer article wins; what only the older one
 * has is kept and marked; renamed error strings and the older article's anchors stay findable.
 */
export function mergeDrafts(drafts: Draft[], warn: (m: string) => void): MergedDraft[] {
  const ordered = [...drafts].sort((a, b) => byDateDesc(a, b) || a.order - b.order);
  const byKey = new Map<string, MergedDraft>();
  const kept: MergedDraft[] = [];
  const codeOwner = new Map<string, MergedDraft>();
  const ownerKey = (hex: string, d: Draft) => `${isPerItem(d) ? 'item' : 'session'}:${hex}`;
  const superseded = supersededArticles(ordered);
  const areasOf = (file: string) =>
    new Set(ordered.filter((x) => x.article.file === file).map((x) => x.area));

  for (const d of ordered) {
    const same = byKey.get(d.key);
    if (same && same.article.file !== d.article.file) {
      mergeCodes(same, d, warn);
      if (isPerItem(d) && same.entry.cause !== d.entry.cause) {
        warn(
          `${d.key}: the articles describe this per-item error differently; ${same.article.file} kept`,
        );
      }
      absorb(same, d);
      continue;
    }
    const hexes = d.entry.codes.map((c) => c.hresult).filter((h): h is string => h !== null);
    const newer = superseded.get(d.article.file) ?? [];
    if (hexes.length > 0 && newer.some((f) => areasOf(f).has(d.area))) {
      const owners = hexes.map((h) => codeOwner.get(ownerKey(h, d)));
      const covered = owners.filter((o) => o && o.article.file !== d.article.file);
      if (covered.length === hexes.length) {
        mergeCodes(covered[0]!, d, warn);
        for (const o of new Set(covered)) if (o !== covered[0]) mergeCodes(o!, d, warn);
        absorb(covered[0]!, d);
        warn(
          `${d.article.file}:${d.entry.source.line}: "${d.entry.title}" folded into the newer entry for ${hexes[0]}`,
        );
        continue;
      }
      if (covered.length > 0) {
        d.entry.codes = d.entry.codes.filter((c, i) => {
          const o = owners[i];
          if (o && o.article.file !== d.article.file) {
            mergeCodes(o, { ...d, entry: { ...d.entry, codes: [c] } }, warn);
            return false;
          }
          return true;
        });
      }
      d.entry.codes.forEach((c: Code) => (c.olderAgentOnly = true));
      d.entry.warnings.push(
        `only in the older article (${d.article.date ?? 'undated'}): guidance for older agents`,
      );
      warn(
        `${d.article.file}:${d.entry.source.line}: ${hexes.join(', ')} only in the older article; kept as older-agent guidance`,
      );
    }
    const m = d as MergedDraft;
    byKey.set(d.key, m);
    kept.push(m);
    for (const c of m.entry.codes) {
      if (c.hresult && !codeOwner.has(ownerKey(c.hresult, m)))
        codeOwner.set(ownerKey(c.hresult, m), m);
    }
  }
  return kept;
}

/** Articles that a newer article covers again (they share a section key or a code). */
function supersededArticles(drafts: Draft[]): Map<string, string[]> {
  const marks = new Map<string, Set<string>>();
  const dates = new Map<string, Draft>();
  for (const d of drafts) {
    const set = marks.get(d.article.file) ?? new Set<string>();
    set.add(d.key);
    for (const c of d.entry.codes) if (c.hresult) set.add(c.hresult);
    marks.set(d.article.file, set);
    dates.set(d.article.file, d);
  }
  const out = new Map<string, string[]>();
  for (const [a, am] of marks) {
    for (const [b, bm] of marks) {
      if (a === b || byDateDesc(dates.get(b)!, dates.get(a)!) >= 0) continue;
      if ([...am].some((k) => bm.has(k))) out.set(a, [...(out.get(a) ?? []), b]);
    }
  }
  return out;
}

/** Entry ids: readable, stable across rebuilds, unique. */
export function assignIds(drafts: Draft[]): string[] {
  const used = new Set<string>();
  return drafts.map((d) => {
    const e = d.entry;
    const prefix = e.product === 'mars-agent' ? 'mars' : 'afs';
    const hex = e.codes.find((c) => c.hresult)?.hresult?.slice(2);
    let id: string;
    if (e.kind === 'per-item-error' && hex) id = `${prefix}-item-${hex}`;
    else if (e.kind === 'session-error' && hex) id = `${prefix}-err-${hex}`;
    else if (e.kind === 'health-status')
      id = `${prefix}-health-${slugPart(e.title.replace(/^.*:\s*/, ''))}`;
    else
      id = `${prefix}-${slugPart(e.source.anchor && /[a-z]/i.test(e.source.anchor) ? e.source.anchor : e.title)}`;
    let unique = id;
    for (let n = 2; used.has(unique); n++) unique = `${id}-${n}`;
    used.add(unique);
    return unique;
  });
}

function slugPart(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= 56) return s || 'entry';
  return s.slice(0, 56).replace(/-[^-]*$/, '');
}

/** The page a link names (`file-sync-troubleshoot`), or '' for a link inside the same page. */
function pageOf(link: string): string {
  const path = link.replace(/[?#].*$/, '');
  return path.replace(/\.md$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
}

/** Pages that are troubleshooting articles of the same product, by any of their names. */
const TROUBLESHOOTING_PAGE = /troubleshoot/;

/**
 * Links whose fragment names an anchor of another entry become related entries, within the same
 * product, when the link stays in the article or names one of the troubleshooting articles (a
 * `#prerequisites` of the deployment guide is not ours). A link to a whole article we hold relates
 * its overview. Entries sharing a code or a title relate too.
 */
export function resolveRelated(drafts: Draft[], ids: string[]): string[][] {
  const byAnchor = new Map<string, number[]>();
  drafts.forEach((d, i) => {
    for (const a of d.entry.anchors) byAnchor.set(a, [...(byAnchor.get(a) ?? []), i]);
  });
  const byPage = new Map<string, number>();
  drafts.forEach((d, i) => {
    if (d.entry.kind === 'overview' && d.article.url && !byPage.has(pageOf(d.article.url)))
      byPage.set(pageOf(d.article.url), i);
  });
  const byCode = new Map<string, number[]>();
  drafts.forEach((d, i) => {
    for (const c of d.entry.codes)
      if (c.hresult) byCode.set(c.hresult, [...(byCode.get(c.hresult) ?? []), i]);
  });
  const byTitle = new Map<string, number[]>();
  drafts.forEach((d, i) => {
    const key = titleKey(d.entry.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), i]);
  });
  return drafts.map((d, i) => {
    const out: string[] = [];
    const add = (j: number | undefined) => {
      if (j === undefined || j === i || out.includes(ids[j])) return;
      if (drafts[j].entry.product !== d.entry.product) return;
      out.push(ids[j]);
    };
    for (const link of d.links) {
      const page = pageOf(link);
      const frag = /#([^#?]+)$/.exec(link)?.[1];
      if (!frag) {
        add(byPage.get(page));
        continue;
      }
      if (page && !TROUBLESHOOTING_PAGE.test(page)) {
        add(byPage.get(page));
        continue;
      }
      const anchor = decodeURIComponent(frag);
      const found = byAnchor.get(anchor.toLowerCase()) ?? byAnchor.get(anchor) ?? [];
      // A section holds its sub-sections' anchors too: the link means the section whose own
      // anchor it is ("#prerequisites" is the Prerequisites section, not the part above it). The
      // rows of a section's table share its anchor; the section itself comes first in the article.
      const own = found
        .filter((j) => drafts[j].entry.source.anchor === anchor)
        .sort((a, b) => drafts[a].entry.source.line - drafts[b].entry.source.line);
      const candidates = own.length ? own : found;
      // Prefer the anchor in the linking article, then any article of the same product.
      add(
        candidates.find((j) => drafts[j].article.file === d.article.file) ??
          candidates.find((j) => drafts[j].entry.product === d.entry.product),
      );
    }
    for (const c of d.entry.codes)
      for (const j of c.hresult ? (byCode.get(c.hresult) ?? []) : []) add(j);
    // Sections the articles give the same title ("An internal error occurred.", two storage
    // firewall errors): words cannot tell them apart, so each names the others, after its links.
    for (const j of byTitle.get(titleKey(d.entry.title)) ?? []) add(j);
    return out;
  });
}

/**
 * Puts `id` first among an entry's related ones, after the deprovision guide when the guide
 * leads them (a destructive entry links it first: see `applySafety`).
 */
export function relateFirst(e: Pick<Entry, 'related' | 'safety'>, id: string): void {
  const lead = e.safety && e.related[0] === e.safety && e.safety !== id ? [e.safety] : [];
  e.related = [...lead, id, ...e.related.filter((r) => r !== id && !lead.includes(r))];
}

/** A title as compared for twins: its words, lowercased. */
const titleKey = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export type { Entry };

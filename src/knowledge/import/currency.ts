import type { Entry } from '../schema';
import type { MergedDraft } from './merge';

const fragment = (link: string) => {
  const f = /#([^#?]+)$/.exec(link)?.[1];
  return f ? decodeURIComponent(f).toLowerCase() : null;
};
const links = (d: { links: string[] }, anchors: Set<string>) =>
  d.links.some((l) => {
    const f = fragment(l);
    return f !== null && anchors.has(f);
  });
const older = (d: MergedDraft) =>
  d.entry.codes.length > 0 && d.entry.codes.every((c) => c.olderAgentOnly);

/**
 * An older article's procedure that only superseded answers pointed to is superseded too: the
 * newer article replaced the answers that sent readers there (2019's "allow access from all
 * networks", reached from session errors the 2024 article now answers). It is marked with the
 * newer entry that took over, and no current answer relates to it.
 */
export function markSuperseded(merged: MergedDraft[], ids: string[], entries: Entry[]): void {
  merged.forEach((k, i) => {
    if (k.entry.codes.length > 0 || k.entry.kind === 'overview') return;
    const anchors = new Set(k.entry.anchors.map((a) => a.toLowerCase()));
    const current = merged.some((d, j) => j !== i && !older(d) && links(d, anchors));
    if (current) return;
    const heir = merged.find(
      (d) =>
        d.article.file !== k.article.file &&
        (d.folded ?? []).some((f) => f.article.file === k.article.file && links(f, anchors)),
    );
    if (heir) entries[i].supersededBy = ids[merged.indexOf(heir)];
  });
  const superseded = new Set(entries.filter((e) => e.supersededBy).map((e) => e.id));
  entries.forEach((e, i) => {
    if (e.supersededBy || older(merged[i])) return;
    e.related = e.related.filter((r) => !superseded.has(r));
  });
}

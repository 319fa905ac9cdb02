import type { Entry, KnowledgeIndex } from './schema';
import { isDeprovisionGuide } from './safety-terms';
import { displayItems, type DisplayItem } from './display';
import { detailKind, instructs } from './import/content';
import { DESTRUCTIVE } from './safety-terms';

/** One way an entry departs from its article, as a reader of the answer would meet it. */
export interface FidelityViolation {
  entry: string;
  rule:
    | 'markup'
    | 'dangling-lead-in'
    | 'qualifier-after-action'
    | 'step-is-not-an-action'
    | 'unresolved-step-reference'
    | 'see-also-other-product'
    | 'see-also-superseded'
    | 'destructive-without-warning';
  text: string;
}

/** Learn markup and markdown escapes that must never reach a reader. */
const MARKUP =
  /:::|\[!(?:NOTE|WARNING|IMPORTANT|TIP|CAUTION|INCLUDE)\b|!\[[^\]]*\]\(|<\/?(?:br|li|ul|p)\b|&nbsp;/i;
/** A backslash escaping a character markdown would otherwise read (`\<Az_Region>`, `\_`). */
const ESCAPE = /\\[<>_*[\]`#]/;

/** Text that introduces what follows it. */
export const LEAD_IN = /:\s*$/;

const isAction = (i: DisplayItem) =>
  i.role === 'step' || i.role === 'text' || i.role === 'command' || i.role === 'substep';

function leadsInto(items: DisplayItem[], at: number): boolean {
  const next = items[at + 1];
  if (!next) return false;
  return (
    next.role === 'step' ||
    next.role === 'substep' ||
    next.role === 'detail' ||
    next.role === 'command' ||
    next.role === 'warning' ||
    next.role === 'condition' ||
    next.role === 'text'
  );
}

/** Step references ("repeat step d", "see step 3") that name a step the entry does not have. */
function unresolvedReferences(e: Entry, items: DisplayItem[]): string[] {
  const out: string[] = [];
  const steps = items.filter((i) => i.role === 'step').length;
  for (const i of items) {
    for (const m of i.text.matchAll(/\bsteps? ([a-z]|\d+)\b(?! in the)/g)) {
      const ref = m[1];
      // A step of another article ("step 6 in the Download section") is that article's business.
      if (/^\d+$/.test(ref) ? Number(ref) <= steps : (i.siblings ?? 0) > ref.charCodeAt(0) - 97)
        continue;
      out.push(`${e.id}: "${m[0]}" in "${i.text.slice(0, 80)}"`);
    }
  }
  return out;
}

/** The article on deprovisioning a server endpoint: where every destructive step should lead. */
export function deprovisionGuide(index: KnowledgeIndex): Entry | undefined {
  return index.entries.find(isDeprovisionGuide);
}

/** Checks one entry of an index. */
export function entryViolations(e: Entry, index: KnowledgeIndex): FidelityViolation[] {
  const out: FidelityViolation[] = [];
  const add = (rule: FidelityViolation['rule'], text: string) =>
    out.push({ entry: e.id, rule, text: text.slice(0, 160) });
  const items = displayItems(e);
  const guide = deprovisionGuide(index);
  // The guide is the safety content itself: its own deletions are what it prepares for.
  const inGuide = guide !== undefined && guide.source.file === e.source.file;
  const older = e.codes.length > 0 && e.codes.every((c) => c.olderAgentOnly);
  items.forEach((item, at) => {
    if (MARKUP.test(item.text) || (item.role === 'command' && ESCAPE.test(item.text)))
      add('markup', item.text);
    if (item.role !== 'command' && LEAD_IN.test(item.text) && !leadsInto(items, at))
      add('dangling-lead-in', item.text);
    const qualifier =
      item.role === 'warning' ||
      ((item.role === 'lead' || item.role === 'condition') &&
        /^(if|when|before)\b/i.test(item.text));
    if (qualifier && items.slice(0, at).some(isAction) && !leadsInto(items, at))
      add('qualifier-after-action', item.text);
    if (item.role === 'step' || item.role === 'substep') {
      const lead = [...items.slice(0, at)]
        .reverse()
        .find((i) => i.role === 'lead' || i.role === 'cause');
      if (lead && LEAD_IN.test(lead.text) && detailKind(lead.text) !== null)
        add('step-is-not-an-action', item.text);
    }
    // An overview's opening ("Use Azure File Sync to centralize…") describes; an error's cause must not instruct.
    if (item.role === 'cause' && e.kind !== 'overview' && instructs(item.text))
      add('step-is-not-an-action', item.text);
    if (isAction(item) && DESTRUCTIVE.test(item.text) && !inGuide) {
      const warned = items.slice(0, at).some((i) => i.role === 'warning');
      if (!warned) add('destructive-without-warning', item.text);
      if (
        guide &&
        guide.id !== e.id &&
        !e.related.includes(guide.id) &&
        /endpoint|sync group/i.test(item.text)
      )
        add('destructive-without-warning', `no link to ${guide.id}: ${item.text}`);
    }
  });
  for (const r of unresolvedReferences(e, items)) add('unresolved-step-reference', r);
  const byId = new Map(index.entries.map((x) => [x.id, x]));
  for (const r of e.related) {
    const target = byId.get(r);
    if (target && target.product !== e.product) add('see-also-other-product', r);
    // Older guidance may point to older guidance; a current answer may not.
    if (target?.supersededBy && !e.supersededBy && !older) add('see-also-superseded', r);
  }
  return out;
}

/** Every violation in an index, entry by entry. */
export function fidelityViolations(index: KnowledgeIndex): FidelityViolation[] {
  return index.entries.flatMap((e) => entryViolations(e, index));
}

import type { EntryKind } from '../schema';
import { slugify } from '../slug';
import type { SectionContent } from './content';
import { codeFromRow, withinOf, type DraftContext } from './draft-context';
import { extractEscalation, kindFromTitle } from './rules';
import type { Section } from './sections';
import { readCode, type CodeRow } from './tables';

/** Enough of its own to be worth an entry (a heading that only holds sub-sections is not). */
export const substantial = (c: SectionContent): boolean =>
  c.tables.length > 0 ||
  c.commands.length > 0 ||
  c.blocks.some((b) => b.steps) ||
  c.details.length > 0 ||
  c.text.length >= 140;

/** Codes a title names: `"MgmtServerJobFailed" (Error code: -2134375898)`, `"AuthorizationFailed"`. */
function titleCodes(ctx: DraftContext, title: string, line: number): CodeRow[] {
  const dec = /error code:?\s*(-?\d{9,10})/i.exec(title)?.[1] ?? '';
  const names = [...title.matchAll(/"([A-Z][A-Za-z]+[a-z][A-Z][A-Za-z]+)"/g)].map((m) => m[1]);
  if (dec) {
    const row = readCode('', dec, names[0] ?? '', '', line, ctx.diag);
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

const INCLUDE_ONLY =
  'The article answers this through an included file that is not part of the knowledge sources; open the source article.';

/**
 * The entry of a heading or bold-title section: a session error when it holds code tables, else a
 * question, procedure or overview. Sections whose only content is an unresolved include still
 * become entries (the question is answerable by its link), with a warning.
 */
export function sectionDraft(
  ctx: DraftContext,
  s: Section,
  content: SectionContent,
  anchors: string[],
  tableRows: CodeRow[],
  onlyInclude: boolean,
): void {
  const rows = [...tableRows, ...titleCodes(ctx, s.title, s.line)];
  const isRoot = s.parent === null;
  if (rows.length === 0 && !substantial(content) && !onlyInclude) return;
  if (isRoot && content.text.length < 140) return;
  const kind: EntryKind =
    tableRows.length > 0 ? 'session-error' : isRoot ? 'overview' : kindFromTitle(s.title);
  const product = ctx.article.product;
  const codes = rows.map((r) => codeFromRow(r, content.text, product));
  const entry = {
    ...ctx.base(s, kind, s.title, anchors, s.line),
    codes,
    cause: content.cause || (onlyInclude ? INCLUDE_ONLY : ''),
    details: content.details,
    remediation: { blocks: content.blocks },
    escalation: extractEscalation(
      content.text,
      product,
      kind,
      codes[0]?.remediationRequired ?? null,
    ),
  };
  if (s.missingAnchor) entry.warnings.push('section has no anchor in the article');
  if (onlyInclude)
    entry.warnings.push(
      'the article takes this answer from an include file that is not among the sources',
    );
  ctx.push(`section:${anchors[0] ?? slugify(s.title)}`, entry, content.links, withinOf(s, s.title));
}

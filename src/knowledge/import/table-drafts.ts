import type { Block } from '../schema';
import { slugify } from '../slug';
import { cleanText } from './clean-text';
import { splitCondition } from './steps';
import { codeFromRow, pathTitles, withinOf, type DraftContext } from './draft-context';
import { linksOf, oneLine, type MdNode } from './markdown-text';
import { extractEscalation, inferRemediation } from './rules';
import type { Section } from './sections';
import { readCode, readRecords } from './tables';

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return (m ? m[1] : text).trim();
}

/** A table's remediation cell as one block: its condition first when it opens with one. */
function remedyBlocks(remedy: string): Block[] {
  const clean = cleanText(remedy);
  if (!clean) return [];
  const { condition, text } = splitCondition(clean);
  return [condition ? { condition, text } : { text }];
}

/** One entry per row of a per-item error table (HRESULT | decimal | Error string | Issue | Remediation). */
export function perItemDrafts(
  ctx: DraftContext,
  table: MdNode,
  s: Section,
  anchors: string[],
): void {
  const product = ctx.article.product;
  for (const rec of readRecords(table, ctx.diag)) {
    const c = rec.cells;
    const row = readCode(
      c.hresult ?? '',
      c['hresult (decimal)'] ?? '',
      c['error string'] ?? '',
      '',
      rec.line,
      ctx.diag,
    );
    if (!row) continue;
    const issue = oneLine(c.issue ?? '');
    const remedy = oneLine(c.remediation ?? '');
    const code = codeFromRow(row, remedy, product);
    const title = firstSentence(issue) || row.errorString || row.hresult || 'Per-item error';
    ctx.push(
      `item:${row.hresult ?? row.errorString}`,
      {
        ...ctx.base(s, 'per-item-error', title, anchors, rec.line),
        codes: [code],
        cause: issue,
        details: [],
        remediation: { blocks: remedyBlocks(remedy) },
        escalation: extractEscalation(remedy, product, 'per-item-error', code.remediationRequired),
      },
      rec.raw.flatMap((cell) => linksOf(cell)),
      withinOf(s, title),
    );
  }
}

/** One entry per row of the server endpoint health-status table. */
export function healthDrafts(
  ctx: DraftContext,
  table: MdNode,
  s: Section,
  anchors: string[],
): void {
  const product = ctx.article.product;
  for (const rec of readRecords(table, ctx.diag)) {
    const status = oneLine(rec.cells['health status'] ?? '');
    const remedy = oneLine(rec.cells.remediation ?? '');
    const inferred = inferRemediation(remedy, product);
    ctx.push(
      `health:${slugify(status)}`,
      {
        ...ctx.base(
          s,
          'health-status',
          `Server endpoint health status: ${status}`,
          anchors,
          rec.line,
        ),
        codes: [],
        cause: oneLine(rec.cells.description ?? ''),
        details: [],
        remediation: { blocks: remedy === 'N/A' ? [] : remedyBlocks(remedy) },
        escalation: extractEscalation(remedy, product, 'health-status', inferred.flag),
        keywords: [...pathTitles(s).slice(1), s.title, `health status ${status}`],
      },
      rec.raw.flatMap((cell) => linksOf(cell)),
      withinOf(s, `Server endpoint health status: ${status}`),
    );
  }
}

import type { Block, Code, Detail, EntryKind } from '../schema';
import { slugify } from '../slug';
import type { SectionContent } from './content';
import { withinOf, type DraftContext } from './draft-context';
import { marsCodesIn } from './mars-codes';
import { cellSteps } from './cell-steps';
import { cleanText } from './clean-text';
import { ITEM, oneLine, type MdNode } from './markdown-text';
import { areAlternatives, splitCondition } from './steps';
import { extractEscalation, inferRemediation, kindFromTitle } from './rules';
import type { Section } from './sections';
import { readRecords } from './tables';

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

/**
 * The points of a table cell: each `<li>` starts one; lines in between (URL lists, notes)
 * stay with the point they follow.
 */
function cellPoints(cell: string): string[] {
  const points: string[] = [];
  for (const line of cell
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    if (line.startsWith(ITEM) || points.length === 0) points.push(line.replace(/^[-•]\s*/, ''));
    else
      points[points.length - 1] += (/[.:;]$/.test(points[points.length - 1]) ? ' ' : '; ') + line;
  }
  return points.filter(Boolean);
}

/**
 * A cause cell: its first line names the cause, the rest explains it. Names joined by a line that
 * is only "or" ("Proxy server/firewall is blocking registration", "or", "No internet
 * connectivity") are one name.
 */
function causeParts(cell: string): { name: string; explanation: string } {
  const lines = cell
    .split('\n')
    .map((l) => l.replace(/^[-•]\s*/, '').trim())
    .filter(Boolean);
  let name = lines.shift() ?? '';
  while (lines[0]?.toLowerCase() === 'or' && lines[1]) {
    lines.shift();
    name += ` or ${lines.shift()}`;
  }
  return { name, explanation: lines.join(' ') };
}

function titled(cell: string): string {
  const { name, explanation } = causeParts(cell);
  return explanation ? `${name}: ${explanation}` : name;
}

/** True when a MARS section should be read as an error entry (it has an error table or ids). */
export function isMarsErrorSection(s: Section, content: SectionContent): boolean {
  return (
    content.tables.some((t) => t.kind === 'mars') ||
    marsCodesIn(`${s.title}\n${content.text}`).length > 0
  );
}

/** The action cell of a MARS row as blocks: prose, the list of actions, the prose after it. */
function actionBlocks(cell: MdNode, heading: string | undefined): Block[] {
  const { before, steps, after } = cellSteps(cell);
  const blocks: Block[] = [];
  const head = heading ? { heading } : {};
  if (steps.length) {
    const list = areAlternatives(steps) ? 'alternatives' : 'checks';
    blocks.push(before ? { ...head, condition: before, list, steps } : { ...head, list, steps });
  } else if (before) {
    const { condition, text } = splitCondition(before);
    blocks.push(condition ? { ...head, condition, text } : { ...head, text });
  }
  const note = /^\**note\**:?\s*(.+)$/i.exec(after);
  if (note) blocks.push({ callouts: [{ kind: 'note', text: note[1] }] });
  else if (after) blocks.push({ text: after });
  return blocks;
}

/** The name of a cause cell that explains it too. */
function causeName(cell: string): string | undefined {
  const { name, explanation } = causeParts(cell);
  return explanation ? name : undefined;
}

/**
 * A MARS section (Cause | Recommended actions; Error | Possible causes | Recommended actions; Error message |
 * Recommended action): error texts become the cause, causes their own list, and each row's actions a
 * block under the cause they answer.
 */
export function marsDraft(
  ctx: DraftContext,
  s: Section,
  content: SectionContent,
  anchors: string[],
): void {
  const causes: string[] = [];
  const actions: Block[] = [];
  const errors: string[] = [];
  const actionText: string[] = [];
  for (const t of content.tables.filter((x) => x.kind === 'mars')) {
    for (const rec of readRecords(t.node, ctx.diag)) {
      const headers = Object.keys(rec.cells);
      const causeCell = headers.find((h) => /cause/.test(h));
      const rowCauses = causeCell ? cellPoints(rec.cells[causeCell] ?? '') : [];
      headers.forEach((h, i) => {
        const v = rec.cells[h];
        if (!v) return;
        if (/^recommended actions?$/.test(h)) {
          // With several causes in the table, each row's actions answer that row's cause.
          const name =
            causeCell && rowCauses.length === 1
              ? (causeName(rec.cells[causeCell]) ?? rowCauses[0])
              : undefined;
          actions.push(...actionBlocks(rec.raw[i], name));
          actionText.push(v);
        } else if (/cause/.test(h)) causes.push(...(h === 'cause' ? [titled(v)] : cellPoints(v)));
        // An error cell may list several messages (`<li>`): each is an error line of its own.
        else errors.push(...cellPoints(v).map((p) => oneLine(p)));
      });
    }
  }
  const codes = marsCodesIn([s.title, ...errors, content.text].join('\n')).map((id) =>
    marsCode(id, null),
  );
  // Headings such as "SalLowDiskSpace" are the error's own name.
  if (s.style === 'heading' && /^[A-Z][a-z]+(?:[A-Z][a-z0-9]+){2,}$/.test(s.title))
    codes.push(marsCode(null, s.title));
  const kind: EntryKind =
    codes.length > 0 || errors.length > 0 ? 'mars-error' : kindFromTitle(s.title);
  const cause = errors.map((e) => `Error: ${cleanText(e)}`).join('\n') || content.cause;
  const details: Detail[] = [...content.details];
  if (causes.length)
    details.unshift({
      kind: 'causes',
      lead: causes.length > 1 ? 'Possible causes:' : 'Cause:',
      items: causes.map(cleanText),
    });
  const blocks = [...actions, ...content.blocks];
  if (!errors.length && content.cause && cause !== content.cause)
    blocks.unshift({ text: content.cause });
  ctx.push(
    `section:${anchors[0] ?? slugify(s.title)}`,
    {
      ...ctx.base(s, kind, s.title, anchors, s.line),
      codes,
      cause,
      details,
      remediation: { blocks },
      escalation: extractEscalation(
        [content.text, ...actionText].join('\n'),
        'mars-agent',
        kind,
        codes.length ? 'Yes' : null,
      ),
    },
    content.links,
    withinOf(s, s.title),
  );
}

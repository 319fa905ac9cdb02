import type { Code, EntryKind } from '../schema';
import { slugify } from '../slug';
import type { SectionContent } from './content';
import type { DraftContext } from './draft-context';
import { marsCodesIn } from './mars-codes';
import { ITEM, oneLine } from './markdown-text';
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

/** A cause cell: its bold first line is a title for the explanation after it. */
function titled(cell: string): string {
  const [first, ...rest] = cell
    .split('\n')
    .map((l) => l.replace(/^[-•]\s*/, '').trim())
    .filter(Boolean);
  return rest.length ? `${first}: ${rest.join(' ')}` : (first ?? '');
}

/** True when a MARS section should be read as an error entry (it has an error table or ids). */
export function isMarsErrorSection(s: Section, content: SectionContent): boolean {
  return (
    content.tables.some((t) => t.kind === 'mars') ||
    marsCodesIn(`${s.title}\n${content.text}`).length > 0
  );
}

/**
 * A MARS section (Cause | Recommended actions; Error | Possible causes | Recommended actions; Error message |
 * Recommended action): causes and error texts become the cause, recommended actions the steps.
 */
export function marsDraft(
  ctx: DraftContext,
  s: Section,
  content: SectionContent,
  anchors: string[],
): void {
  const causes: string[] = [];
  const steps: string[] = [];
  const errors: string[] = [];
  for (const t of content.tables.filter((x) => x.kind === 'mars')) {
    for (const rec of readRecords(t.node, ctx.diag)) {
      for (const [h, v] of Object.entries(rec.cells)) {
        if (!v) continue;
        if (/^recommended actions?$/.test(h)) {
          steps.push(...cellPoints(v));
        } else if (/cause/.test(h)) causes.push(titled(v));
        else errors.push(oneLine(v));
      }
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
  const cause =
    [...errors.map((e) => `Error: ${e}`), ...causes].join('\n') || content.paragraphs[0] || '';
  ctx.push(
    `section:${anchors[0] ?? slugify(s.title)}`,
    {
      ...ctx.base(s, kind, s.title, anchors, s.line),
      codes,
      cause,
      remediation: {
        steps: [...steps, ...content.steps],
        commands: content.commands,
        notes: [...content.paragraphs.filter((p) => !cause.includes(p)), ...content.callouts],
      },
      escalation: extractEscalation(
        [content.text, ...steps].join('\n'),
        'mars-agent',
        kind,
        codes.length ? 'Yes' : null,
      ),
    },
    content.links,
  );
}

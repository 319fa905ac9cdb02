import { describeDecoding } from '../knowledge/hresult';
import type { Block, Command, Entry, Step } from '../knowledge/schema';
import type { Answer } from '../matching/ask';
import type { EventSummary } from '../matching/events';

const PRODUCT = { 'azure-file-sync': 'Azure File Sync', 'mars-agent': 'MARS agent' } as const;

function escalationLines(e: Entry): string[] {
  const x = e.escalation;
  const lines: string[] = [];
  const advice = x.source === 'default' && x.action !== 'none' ? ' (general advice)' : '';
  if (x.action === 'none') lines.push('Escalation: none needed.');
  else if (x.action === 'contact-network-admin')
    lines.push(`Escalation${advice}: contact your network administrator.`);
  else if (x.action === 'wait-then-support')
    lines.push(
      `Escalation${advice}: if it persists for ${x.waitHours} hours or more, open a support request.`,
    );
  else lines.push(`Escalation${advice}: if the steps do not resolve it, open a support request.`);
  if (x.text) lines.push(`  The article: "${x.text}"`);
  if (x.action !== 'none')
    lines.push(
      '  Collect first (general advice for a support request):',
      ...x.collect.map((c) => `  - ${c}`),
    );
  return lines;
}

function eventLines(ev: EventSummary): string[] {
  const parts = [`Event ${ev.event}`];
  if (ev.direction) parts.push(ev.direction.toLowerCase());
  if (ev.hresult) parts.push(ev.hresult === '0x00000000' ? 'succeeded' : `result ${ev.hresult}`);
  if (ev.perItemErrorCount !== undefined) parts.push(`${ev.perItemErrorCount} per-item errors`);
  if (ev.appliedFileCount !== undefined) parts.push(`${ev.appliedFileCount} files applied`);
  if (ev.progressPercent !== undefined)
    parts.push(`${ev.progressPercent}% of ${ev.totalItemCount} items`);
  if (ev.itemErrors?.length)
    parts.push(ev.itemErrors.map((i) => `${i.hresult} x${i.count}`).join(', '));
  return [parts.join(', ')];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function commandLines(c: Command, pad: string): string[] {
  return [`${pad}[${c.language}]`, ...c.code.split('\n').map((l) => `${pad}  ${l}`)];
}

/** Steps with what qualifies each first; sub-steps lettered, alternatives marked "or". */
function stepLines(steps: Step[], list: Block['list'], pad: string, depth = 0): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    const mark =
      list === 'alternatives'
        ? i === 0
          ? 'either:'
          : 'or:'
        : list === 'checks'
          ? '-'
          : depth === 0
            ? `${i + 1}.`
            : `${LETTERS[i % 26]}.`;
    if (s.condition) out.push(`${pad}${mark} ${s.condition}:`);
    // A step's warning may be a note the article put inside the step ("Note: AFSDiag will delete…").
    const label = /^(Note|Tip|Important|Caution):/.test(s.warning ?? '') ? '' : 'WARNING: ';
    if (s.warning) out.push(`${pad}${s.condition ? '   ' : mark + ' '}${label}${s.warning}`);
    const lead = s.condition || s.warning ? ' '.repeat(mark.length) : mark;
    const [first, ...rest] = s.text.split('\n');
    out.push(`${pad}${lead} ${first}`, ...rest.map((l) => `${pad}${' '.repeat(mark.length)} ${l}`));
    for (const c of s.commands ?? []) out.push(...commandLines(c, pad + '   '));
    if (s.substeps) out.push(...stepLines(s.substeps, 'sequence', pad + '   ', depth + 1));
    if (s.alternatives)
      out.push(...stepLines(s.alternatives, 'alternatives', pad + '   ', depth + 1));
  });
  return out;
}

/** One part of the remediation: heading, condition, warnings, then prose, steps and commands. */
function blockLines(b: Block): string[] {
  const out: string[] = [''];
  if (b.heading) out.push(`  ${b.heading}`);
  if (b.condition) out.push(`  ${b.condition}${/:\s*$/.test(b.condition) ? '' : ':'}`);
  for (const c of b.callouts ?? [])
    out.push(`  ${c.kind.toUpperCase()}${c.from ? ` (from ${c.from})` : ''}: ${c.text}`);
  if (b.text) out.push(`  ${b.text}`);
  if (b.steps) out.push(...stepLines(b.steps, b.list, '  '));
  for (const c of b.commands ?? []) out.push(...commandLines(c, '  '));
  return out;
}

function flagHow(c: Entry['codes'][number]): string {
  return c.remediationSource === 'stated' ? 'stated in the article' : 'general advice';
}

/** One entry as readable terminal text, in the article's order. */
export function formatEntry(e: Entry): string {
  const lines = [`${e.title}`, `  ${PRODUCT[e.product]} · ${e.kind}`];
  if (e.audience === 'support')
    lines.push('  For Microsoft support: from an internal guide for support engineers.');
  if (e.supersededBy)
    lines.push(`  Older guidance: newer guidance replaces it (see ${e.supersededBy}).`);
  for (const c of e.codes) {
    const id = [c.hresult, c.decimal, c.errorString, c.marsId ? `ID ${c.marsId}` : null]
      .filter((x) => x !== null)
      .join(' · ');
    lines.push(
      `  ${id}  remediation required: ${c.remediationRequired} (${flagHow(c)})${c.olderAgentOnly ? ' [older agents]' : ''}`,
    );
  }
  if (e.cause) lines.push('', `Cause: ${e.cause}`);
  for (const d of e.details) lines.push('', d.lead, ...d.items.map((i) => `  - ${i}`));
  if (e.remediation.blocks.length) {
    lines.push('', 'What to do:');
    for (const b of e.remediation.blocks) lines.push(...blockLines(b));
  }
  lines.push('', ...escalationLines(e));
  const url = e.source.url
    ? `${e.source.url}${e.source.anchor ? '#' + e.source.anchor : ''}`
    : `${e.source.article} (${e.source.file})`;
  lines.push('', `Source: ${url}`);
  if (e.runFirst) lines.push(`Run first: ${e.runFirst}`);
  if (e.partOf) lines.push(`Part of: ${e.partOf}`);
  if (e.safety) lines.push(`Before removing anything, read: ${e.safety}`);
  return lines.join('\n');
}

/** The whole answer for a terminal. */
export function formatAnswer(a: Answer): string {
  const out: string[] = [];
  for (const ev of a.events) out.push(...eventLines(ev));
  for (const d of a.decodings) {
    const f = a.found.find((x) => x.hresult === d.hresult);
    out.push(`${describeDecoding(d)}${f?.known ? '' : '  (not in the knowledge)'}`);
  }
  if (a.reason === 'empty')
    return 'Ask about an Azure File Sync or MARS agent error: paste a code, an event, or a question.';
  if (a.reason === 'unknown-code') {
    out.push(
      '',
      'The knowledge has no entry for this code. Next steps: check the Telemetry, Operational and Diagnostic event logs under Applications and Services Logs\\Microsoft\\FileSync\\Agent, collect AFSDiag output, and open a support request with both.',
    );
  }
  if (a.result.verdict === 'off-topic') {
    out.push(
      'No confident answer: this does not look like an Azure File Sync or MARS agent question.',
    );
    const near = a.entries.slice(0, 3);
    if (near.length)
      out.push('The closest entries:', ...near.map((e) => `  - ${e.title} (${e.id})`));
    return out.join('\n');
  }
  const choose = a.result.verdict === 'did-you-mean';
  if (choose) out.push('Several entries fit; the closest:');
  // The articles' answer to a destructive question sent with codes comes first, then the codes'.
  const lead = a.safetyFirst.slice(0, 1);
  const rest = a.entries.filter((e) => !a.safetyFirst.includes(e));
  const shown = choose
    ? a.entries.slice(0, 3)
    : [...lead, ...rest.slice(0, Math.max(1, a.found.filter((f) => f.known).length))];
  for (const e of shown) out.push('', formatEntry(e));
  const more = a.entries.filter((e) => !shown.includes(e)).slice(0, 3);
  if (more.length) out.push('', 'See also:', ...more.map((e) => `  - ${e.title} (${e.id})`));
  return out.join('\n');
}

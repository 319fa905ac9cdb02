import { describeDecoding } from '../knowledge/hresult';
import type { Entry } from '../knowledge/schema';
import type { Answer } from '../matching/ask';
import type { EventSummary } from '../matching/events';

const PRODUCT = { 'azure-file-sync': 'Azure File Sync', 'mars-agent': 'MARS agent' } as const;

function escalationLines(e: Entry): string[] {
  const x = e.escalation;
  const lines: string[] = [];
  if (x.action === 'none') lines.push('Escalation: none needed.');
  else if (x.action === 'contact-network-admin')
    lines.push('Escalation: contact your network administrator.');
  else if (x.action === 'wait-then-support')
    lines.push(
      `Escalation: if it persists for ${x.waitHours} hours or more, open a support request.`,
    );
  else lines.push('Escalation: if the steps do not resolve it, open a support request.');
  if (x.text) lines.push(`  The article: "${x.text}"`);
  if (x.action !== 'none') lines.push('  Collect first:', ...x.collect.map((c) => `  - ${c}`));
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

/** One entry as readable terminal text. */
export function formatEntry(e: Entry): string {
  const lines = [`${e.title}`, `  ${PRODUCT[e.product]} · ${e.kind}`];
  for (const c of e.codes) {
    const id = [c.hresult, c.decimal, c.errorString, c.marsId ? `ID ${c.marsId}` : null]
      .filter((x) => x !== null)
      .join(' · ');
    const how = c.remediationSource === 'stated' ? 'stated' : `inferred: ${c.remediationRule}`;
    lines.push(
      `  ${id}  remediation required: ${c.remediationRequired} (${how})${c.olderAgentOnly ? ' [older agents]' : ''}`,
    );
  }
  if (e.cause) lines.push('', `Cause: ${e.cause}`);
  if (e.remediation.steps.length)
    lines.push('', 'Steps:', ...e.remediation.steps.map((s, i) => `  ${i + 1}. ${s}`));
  for (const c of e.remediation.commands)
    lines.push('', `  [${c.language}]`, ...c.code.split('\n').map((l) => `    ${l}`));
  if (e.remediation.notes.length) lines.push('', ...e.remediation.notes.map((n) => `- ${n}`));
  lines.push('', ...escalationLines(e));
  const url = e.source.url
    ? `${e.source.url}${e.source.anchor ? '#' + e.source.anchor : ''}`
    : `${e.source.article} (${e.source.file})`;
  lines.push('', `Source: ${url}`);
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
  const shown = choose
    ? a.entries.slice(0, 3)
    : a.entries.slice(0, Math.max(1, a.found.filter((f) => f.known).length));
  for (const e of shown) out.push('', formatEntry(e));
  const more = a.entries.filter((e) => !shown.includes(e)).slice(0, 3);
  if (more.length) out.push('', 'See also:', ...more.map((e) => `  - ${e.title} (${e.id})`));
  return out.join('\n');
}

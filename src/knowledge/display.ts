import type { Block, Command, Entry, Step } from './schema';

/** One piece of an answer in the order every client shows it. */
export interface DisplayItem {
  role:
    | 'cause'
    | 'detail-lead'
    | 'detail'
    | 'heading'
    | 'lead'
    | 'condition'
    | 'warning'
    | 'note'
    | 'text'
    | 'step'
    | 'substep'
    | 'command';
  text: string;
  /** Steps are numbered or lettered among `siblings` of the same list. */
  siblings?: number;
  /** Another entry's text shown here (a safety warning): that entry's id. */
  from?: string;
}
type Item = DisplayItem;

/** Callout kinds that qualify an action (a note or tip only informs). */
const QUALIFYING = new Set(['warning', 'caution', 'important']);

function stepItems(steps: Step[], role: 'step' | 'substep', out: Item[]): void {
  for (const s of steps) {
    if (s.condition) out.push({ role: 'condition', text: s.condition });
    if (s.warning) out.push({ role: 'warning', text: s.warning });
    out.push({ role, text: s.text, siblings: steps.length });
    for (const c of s.commands ?? []) out.push({ role: 'command', text: c.code });
    if (s.substeps) stepItems(s.substeps, 'substep', out);
    if (s.alternatives) stepItems(s.alternatives, 'substep', out);
  }
}

/** The items of one block: heading, condition, callouts, prose, steps, commands. */
export function blockItems(b: Block): Item[] {
  const out: Item[] = [];
  if (b.heading) out.push({ role: 'heading', text: b.heading });
  if (b.condition) out.push({ role: 'lead', text: b.condition });
  for (const c of b.callouts ?? [])
    out.push({ role: QUALIFYING.has(c.kind) ? 'warning' : 'note', text: c.text, from: c.from });
  if (b.text) out.push({ role: 'text', text: b.text });
  if (b.steps) stepItems(b.steps, 'step', out);
  for (const c of b.commands ?? []) out.push({ role: 'command', text: c.code });
  return out;
}

/** What the index held before steps had structure: kept so the fidelity counts compare. */
interface FlatRemediation {
  steps: string[];
  commands: { code: string }[];
  notes: string[];
}

function flatItems(r: FlatRemediation): Item[] {
  const out: Item[] = [];
  for (const s of r.steps) out.push({ role: 'step', text: s, siblings: r.steps.length });
  for (const c of r.commands) out.push({ role: 'command', text: c.code });
  for (const n of r.notes) {
    const warning = /^(warning|caution|important):/i.test(n);
    out.push({ role: warning ? 'warning' : /:\s*$/.test(n) ? 'lead' : 'note', text: n });
  }
  return out;
}

/** An entry as the ordered pieces a reader meets: cause, details, then each block of the remediation. */
export function displayItems(e: Entry): Item[] {
  const out: Item[] = [];
  if (e.cause) out.push({ role: 'cause', text: e.cause });
  for (const d of e.details ?? []) {
    out.push({ role: 'detail-lead', text: d.lead });
    for (const i of d.items) out.push({ role: 'detail', text: i });
  }
  const r = e.remediation as Entry['remediation'] | FlatRemediation;
  if ('steps' in r) out.push(...flatItems(r));
  else for (const b of r.blocks) out.push(...blockItems(b));
  return out;
}

/** All the words of an entry's remediation, for search: prose, steps and the first lines of commands. */
export function remediationText(e: Entry): string[] {
  return (
    displayItems(e)
      // Another entry's warning belongs to that entry's words, not this one's.
      .filter((i) => i.role !== 'cause' && i.role !== 'heading' && !i.from)
      .map((i) => (i.role === 'command' ? i.text.split('\n').slice(0, 3).join(' ') : i.text))
  );
}

function allSteps(steps: Step[]): Step[] {
  return steps.flatMap((s) => [
    s,
    ...allSteps(s.substeps ?? []),
    ...allSteps(s.alternatives ?? []),
  ]);
}

/** Every step of an entry, sub-steps and alternatives included, in the article's order. */
export function entrySteps(e: Entry): Step[] {
  return e.remediation.blocks.flatMap((b) => allSteps(b.steps ?? []));
}

/** Every command of an entry, in the article's order. */
export function entryCommands(e: Entry): Command[] {
  return e.remediation.blocks.flatMap((b) => [
    ...allSteps(b.steps ?? []).flatMap((s) => s.commands ?? []),
    ...(b.commands ?? []),
  ]);
}

/**
 * What the entry opens with, for search: its cause, or, when the article opens with a lead-in or a
 * condition instead ("If a server is not listed under Registered servers:"), that opening.
 */
export function openingText(e: Entry): string {
  if (e.cause) return e.cause;
  const first = displayItems(e).find((i) => i.role !== 'heading');
  return first && (first.role === 'lead' || first.role === 'detail-lead' || first.role === 'text')
    ? first.text
    : '';
}
